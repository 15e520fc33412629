// A local webhook receiver for the deliveries row: answers 204 and counts; GET /count reads it.
import { createServer } from 'node:http';
import { report } from '../lib/processes.ts';

let received = 0;
const server = createServer((request, response) => {
  if (request.method === 'GET') return response.end(String(received));
  request.resume();
  request.on('end', () => {
    received += 1;
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  report('ready', { port: (server.address() as { port: number }).port });
});
