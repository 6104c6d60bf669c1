import { readImport, type ImportRequest } from './readImport';

// Parsing 10,000 people takes long enough to freeze the page: it happens here instead.
self.onmessage = (event: MessageEvent<ImportRequest>) => {
  void readImport(event.data, (reply) => self.postMessage(reply));
};
