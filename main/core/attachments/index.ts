export { inspectAttachment, type AttachmentInspection, type InspectOptions } from './inspect';
export { formatSize, refusalMessage, type AttachmentRefusal } from './messages';
export { PdfReader, type PdfReaderOptions } from './pdf';
