// A user's POS integration with D.T.P's Loyal Customer API, compiled against the current SDK types.
import { CommandError, createDtpLcvClient, type Schemas } from '@akinai/sdk/dtp-lcv';

const lcv = createDtpLcvClient({
  loginId: process.env.DTP_LOGIN_ID ?? '',
  password: process.env.DTP_PASSWORD ?? '',
  baseUrl: 'https://ap01.dtpnet.co.jp:85/cv.net_userxxx/isql/api',
});

export async function balance(userCode: string): Promise<number | 'withdrawn' | undefined> {
  const { data, error } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: userCode } });
  if (error instanceof CommandError && error.statusCode === -8004) return 'withdrawn';
  if (error) throw error;
  return data.UserPoint[0]?.Point;
}

export async function earn(userCode: string, receipt: number, points: number) {
  const { error } = await lcv.POST('/Set_UserPoint.aspx', {
    body: {
      user_code: userCode,
      sales_date: '20240401',
      sales_division: '10',
      sales_shop: '100200',
      register_no: 1,
      receipt_no: receipt,
      get_point: points,
      use_point: 0,
      user_remarks: 'POS売上',
    },
  });
  return error ? `${error.code}: ${error.message}` : 'ok';
}

export async function hold(baseUrl: string, userCode: string, lines: { goods: string; color: string; size: string; quantity: number }[]) {
  const holds = createDtpLcvClient({ baseUrl, loginId: 'a', password: 'b', throwOnError: true });
  const { data } = await holds.POST('/Set_ToriokiNew.aspx', {
    body: { date: '20240401', user_code: userCode, shopcode: '12001', detail: lines, terminal: 'pos-1' },
  });
  const { data: stored } = await holds.POST('/Get_ToriokiStatus.aspx', { body: { denno: data.Status } });
  return stored.rows.map((row) => `${row.商品CD} ${row.予定数量}`);
}

export async function rename(tokenid: string, userCode: string, user: Schemas['Customer']) {
  // The vendor never says an answer's attribute has its ID: only those that do can be sent back.
  const brands = (user.Attribute1 ?? []).flatMap(({ AttrId }) => (AttrId === undefined ? [] : [{ AttrId }]));
  const { data } = await lcv.POST('/Set_UserInfo2.aspx', {
    body: { Tokenid: tokenid, user_code: userCode, Segment: 1, Attribute1: brands },
  });
  return data?.User.Name;
}
