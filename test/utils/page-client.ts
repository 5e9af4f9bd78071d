import request from 'supertest';
import { TestApp } from './test-app';

/** A browser without JavaScript: keeps its cookies, reads the CSRF token of the last form it was shown. */
export class PageClient {
  readonly agent: ReturnType<typeof request.agent>;
  csrf = '';

  constructor(t: TestApp) {
    this.agent = request.agent(t.app.getHttpServer());
  }

  async get(path: string) {
    const res = await this.agent.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (token) this.csrf = token[1];
    return res;
  }

  /** Posts a form the way a browser does, with the token of the page it came from unless told otherwise. */
  post(path: string, fields: Record<string, string>, withCsrf = true) {
    return this.agent
      .post(path)
      .type('form')
      .send(withCsrf ? { _csrf: this.csrf, ...fields } : fields);
  }

  async signIn(username: string, password: string) {
    await this.get('/login');
    return this.post('/login', { username, password });
  }
}
