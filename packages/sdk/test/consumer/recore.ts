// A user's integration of ReCORE members, compiled against the current SDK types (never run).
import { createRecoreClient, NotFoundError, RateLimitError, ValidationError, type RecoreClient, type Schemas } from '@akinai/sdk/recore';

type Member = Schemas['Member'];

export function memberName(member: Member): string {
  const name = [member.last_name, member.first_name].filter((part): part is string => part !== null).join(' ');
  return `${member.code} ${name} ${member.status} ${member.point?.total ?? 0}P ${member.rank?.name ?? ''}`;
}

export async function sync(recore: RecoreClient, since: string): Promise<Member[]> {
  const out: Member[] = [];
  for await (const member of recore.paginate('/members', { params: { query: { updated_at_from: since, limit: 250 } } })) {
    out.push(member);
  }
  return out;
}

export async function upsert(apiKey: string, id: number | undefined, input: Schemas['MemberInput']) {
  const recore = createRecoreClient({ apiKey, timeout: 10_000, maxRetries: 1 });
  const result =
    id === undefined
      ? await recore.POST('/members', { body: input })
      : await recore.PUT('/members/{member_id}', { params: { path: { member_id: id } }, body: input });
  if (result.error instanceof ValidationError) return { invalid: result.error.detail };
  if (result.error instanceof NotFoundError) return { missing: id };
  if (result.error instanceof RateLimitError) return { retryAfterMs: result.error.retryAfterMs };
  if (result.error) throw result.error;
  return { member: result.data };
}

export async function addPoints(apiKey: string, ids: number[], amount: number) {
  const recore = createRecoreClient({ apiKey, throwOnError: true });
  await recore.PUT('/members/point', { body: { amount, mode: 'ADD', note: 'キャンペーン', query: { ids } } });
  const { data: notes } = await recore.GET('/members/{member_id}/notes', { params: { path: { member_id: ids[0]! } } });
  return notes.map((note) => `${note.staff?.name ?? '-'}: ${note.note}`);
}
