// Sends the same request `count` times from a process of its own (so the server's event loop does not pace the
// client) with Node's fetch, and prints one line of JSON: each answer's status and the start of its body, or the
// error that broke the connection. Used by test/body-limits.e2e-spec.ts.
// Usage: node send-over-limit.js '{"url": "...", "headers": {...}, "kind": "json" | "form" | "multipart", "bytes": N, "count": N}'
const { url, headers, kind, bytes, count } = JSON.parse(process.argv[2]);

function body() {
  if (kind === 'json') return JSON.stringify({ name: 'x'.repeat(bytes) });
  if (kind === 'form') return new URLSearchParams({ note: 'x'.repeat(bytes) });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes).fill(0x61)], { type: 'text/csv' }), 'too-large.csv');
  return form;
}

(async () => {
  const answers = [];
  for (let i = 0; i < count; i++) {
    try {
      const res = await fetch(url, { method: 'POST', headers, body: body() });
      answers.push({ status: res.status, body: (await res.text()).slice(0, 4000) });
    } catch (error) {
      answers.push({ error: String(error.cause?.code ?? error.message) });
    }
  }
  process.stdout.write(JSON.stringify(answers));
})();
