// The database limit for writes: a plain node:http process (no framework, no
// session, no validation) that writes what a mark write must make durable
// and nothing more: the lesson's row read, the mark, its audit record chained
// to the school's head, the head moved. Requests that arrive while a commit
// runs are written together in the next one (group commit, as the server's
// write queue does), on SQLite in WAL mode with synchronous=FULL and the
// server's own checkpoints off the loop (server/db/checkpointer.ts); each is
// answered only after its commit returned. The parent sends the database
// file over IPC; the server answers with the port.
import { createServer } from 'node:http';
import { hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

let write = null;
const pending = [];
let scheduled = false;

function open(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // As the server: PASSIVE checkpoints in a worker every 50 ms, the connection's own only as a backstop.
  const checkpointer = new Worker(new URL('../../server/db/checkpoint-worker.mjs', import.meta.url), { workerData: { file, everyMs: 50 } });
  checkpointer.unref();
  db.pragma('wal_autocheckpoint = 4000');
  const lesson = db.prepare(
    'select l.school_id as schoolId, l.work_type_id as workTypeId, coalesce(l.teacher_person_id, 0) as teacherId, coalesce(w.weight, 1) as weight from lessons l left join work_types w on w.id = l.work_type_id where l.id = ?',
  );
  const insertMark = db.prepare(
    "insert into marks (school_id, lesson_id, student_person_id, value, numeric, weight, work_type_id, comment, entered_by, entered_at, updated_at, version, deleted) values (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, 1, 0)",
  );
  const head = db.prepare('select seq, hash from audit_heads where school_id = ?');
  const insertAudit = db.prepare(
    "insert into audit_log (school_id, seq, at, actor_person_id, entity, entity_key, action, old_json, new_json, reason, prev_hash, hash) values (?, ?, ?, ?, 'mark', ?, 'create', null, ?, '', ?, ?)",
  );
  const saveHead = db.prepare('insert into audit_heads (school_id, seq, hash) values (?, ?, ?) on conflict (school_id) do update set seq = excluded.seq, hash = excluded.hash');
  return db.transaction((changes) => {
    const at = new Date().toISOString();
    const heads = new Map();
    const ids = changes.map((c) => {
      const l = lesson.get(c.lessonId);
      const id = Number(insertMark.run(l.schoolId, c.lessonId, c.studentId, c.value, Number.parseInt(c.value, 10), l.weight, l.workTypeId, l.teacherId, at, at).lastInsertRowid);
      let h = heads.get(l.schoolId);
      if (!h) heads.set(l.schoolId, (h = head.get(l.schoolId) ?? { seq: 0, hash: '0'.repeat(64) }));
      const json = JSON.stringify({ value: c.value, weight: l.weight, workTypeId: l.workTypeId, comment: '' });
      const record = [h.seq + 1, at, l.teacherId, 'mark', String(id), 'create', null, json, '', h.hash];
      const next = { seq: h.seq + 1, hash: hash('sha256', JSON.stringify(record), 'hex') };
      insertAudit.run(l.schoolId, next.seq, at, l.teacherId, String(id), json, h.hash, next.hash);
      heads.set(l.schoolId, next);
      return id;
    });
    for (const [schoolId, h] of heads) saveHead.run(schoolId, h.seq, h.hash);
    return ids;
  });
}

function drain() {
  scheduled = false;
  const batch = pending.splice(0, 256);
  if (batch.length === 0) return;
  const ids = write(batch.map((p) => p.change));
  batch.forEach((p, i) => {
    const body = `{"results":[{"id":${ids[i]},"version":1,"value":${JSON.stringify(p.change.value)}}]}`;
    p.response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    p.response.end(body);
  });
  if (pending.length > 0 && !scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    pending.push({ change: JSON.parse(Buffer.concat(chunks).toString('utf8')).changes[0], response });
    // After the loop's turn at the sockets: every request that arrived meanwhile joins the commit.
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
});
process.on('message', (message) => {
  write = open(message.file);
  process.send({ opened: true });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
