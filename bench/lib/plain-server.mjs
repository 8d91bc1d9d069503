// The machine limit: a plain node:http server (no framework, no session, no
// database) answering one stored body, run as its own process like the bench
// server. The parent sends the body over IPC; the server answers with the port.
// With `gzip`, the body is compressed once, as the server keeps the grid's.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

let body = Buffer.from('{}');
let headers = {};
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...headers });
  response.end(body);
});
process.on('message', (message) => {
  body = message.gzip ? gzipSync(message.body, { level: 6 }) : Buffer.from(message.body, 'utf8');
  headers = message.gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {};
  process.send({ stored: body.length });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
