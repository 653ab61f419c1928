import * as vscode from 'vscode';

const TEMPLATE = `# A request file: each request is separated by ###. Run one with "Send Request" above it.
@baseUrl = https://httpbin.org

### Get something
GET {{baseUrl}}/get?source=apihook
Accept: application/json

### Post JSON
POST {{baseUrl}}/post
Content-Type: application/json

{
  "hello": "world"
}
`;

/** Opens an untitled .http document with two example requests. */
export async function newRequestFile(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'http', content: TEMPLATE });
  return vscode.window.showTextDocument(doc);
}
