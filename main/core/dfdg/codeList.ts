// CodeListService (Version 5), SOAP (docs/wire-contract.md §2.7).
//
// ASSUMED (wire-contract.md §2.7): the method GetCodeList {CodeListName} and its answer
// CodeList {CodeListName, CodeListItems/CodeListItem {Kode, Navn, Beskrivelse, Startdato, Slutdato}}.
// Validity follows "den gode kodeliste": start inclusive, end exclusive.

import type { CodeListItem } from '../../../shared/domain';
import type { SoapService } from './soap';
import type { CodeListClient } from './types';

export function codeListClient(soap: SoapService): CodeListClient {
  return {
    getCodeList(ctx, name) {
      return soap.request(ctx, 'GetCodeList', { CodeListName: name }, { write: false }, (res, r) => {
        const list = r.one(res, 'CodeList');
        return r.list(list, 'CodeListItems', 'CodeListItem').map((i): CodeListItem => {
          const description = r.optStr(i, 'Beskrivelse');
          return {
            id: r.int(i, 'Kode'),
            name: r.str(i, 'Navn'),
            ...(description !== null ? { description } : {}),
            validFrom: r.date(i, 'Startdato'),
            validTo: r.date(i, 'Slutdato'),
          };
        });
      });
    },
  };
}
