/** Logs in to a D.T.P mock (its Auth command) and returns the Cookie header its new session needs. */
export async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/Auth.aspx`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'login_id=api&password=pass',
  });
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}
