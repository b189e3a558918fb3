// The plain channel-4 message the transport tests send (synthetic CPR number).
import type { CreateMessageInput } from '../../../main/core/dfdg/types';

export const CPR = '0101901234';

export const MESSAGE: CreateMessageInput = {
  cpr: CPR,
  contextType: 1,
  channel: 4,
  subject: 'Emne',
  body: 'Tekst',
  allowReply: true,
  responseToId: null,
  to: { organisationType: 8, organisationCode: '10100' },
  documents: [],
};
