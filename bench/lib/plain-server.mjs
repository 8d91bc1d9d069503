// The machine limit: a plain node:http server (no framework, no session, no
// database) answering one stored body, run as its own process like the bench
// server. The parent sends the body over IPC; the server answers with the port.
import { createServer } from 'node:http';

let body = Buffer.from('{}');
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  response.end(body);
});
process.on('message', (message) => {
  body = Buffer.from(message.body, 'utf8');
  process.send({ stored: body.length });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
