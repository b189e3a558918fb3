// CitizenMessageChannelTypeIdentifier. Only id 4 "Myndighed til myndighed" is documented (seed 000);
// the channel kinds mail, SMS and Jobnet notification are named in prose (interfaces.md §2.1).
// ASSUMED: ids 1-3 and their names (docs/wire-contract.md §2.4) and every channel's validFrom.

import type { ChannelItem } from '../types';
import { OPEN_END, UNKNOWN_START } from './releases';

export const channels: readonly ChannelItem[] = [
  { id: 1, name: 'Mail', description: 'E-mail til borgeren (envejs)', validFrom: UNKNOWN_START, validTo: OPEN_END, allowsReply: false, authorityToAuthority: false, assumed: true },
  { id: 2, name: 'SMS', description: 'SMS til borgeren (envejs)', validFrom: UNKNOWN_START, validTo: OPEN_END, allowsReply: false, authorityToAuthority: false, assumed: true },
  {
    id: 3,
    name: 'Jobnet-notifikation',
    description: 'Notifikation til borgeren på Jobnet (envejs)',
    validFrom: UNKNOWN_START,
    validTo: OPEN_END,
    allowsReply: false,
    authorityToAuthority: false,
    assumed: true,
  },
  {
    id: 4,
    name: 'Myndighed til myndighed',
    description: 'Tråd mellem to myndigheder med borgeren i midten',
    validFrom: UNKNOWN_START,
    validTo: OPEN_END,
    allowsReply: true,
    authorityToAuthority: true,
  },
];
