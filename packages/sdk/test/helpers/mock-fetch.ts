// How the SDK's contract tests reach the mock: over loopback (the default), or in-process through the
// running mock's own fetch, with no socket (AKINAI_MOCK_TRANSPORT=in-process: the vitest project
// "in-process" runs every contract test so, proving createMockFetch serves every operation to the SDK).
import type { RunningMock } from '@akinai/mock';

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export const inProcess = process.env.AKINAI_MOCK_TRANSPORT === 'in-process';

/** The fetch a test's client sends through: the mock's in-process one, or `loopback`. */
export const through = (mock: RunningMock, loopback: Fetch): Fetch => (inProcess ? mock.fetch : loopback);
