// CodeListService (Version 5) GetCodeList (wire-contract §2.7; ASSUMED method and shapes).

import { CODE_LISTS } from '../codelists';
import { Reject } from '../http';
import { str } from '../schema';
import type { SoapCtx, SoapService } from '../soap';
import { el, opt, type WEl } from '../xml';

function getCodeList(ctx: SoapCtx): WEl[] {
  const name = str(ctx.body, 'CodeListName').trim();
  const list = CODE_LISTS[name];
  if (!list) throw new Reject(1014, 'Unknown CodeListName');
  return [
    el('CodeList', [
      el('CodeListName', name),
      el(
        'CodeListItems',
        list.map((i) => el('CodeListItem', [el('Kode', i.kode), el('Navn', i.navn), opt('Beskrivelse', i.beskrivelse), el('Startdato', i.startdato), el('Slutdato', i.slutdato)])),
      ),
    ]),
  ];
}

export const codeListService: SoapService = {
  name: 'CodeListService',
  ops: { GetCodeList: { spec: { CodeListName: { t: 'str', len: [1, 100] } }, handle: getCodeList } },
};
