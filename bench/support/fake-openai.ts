// The local OpenAI-compatible model server the first-word row's agent calls (the tests' fake).
import { startFakeOpenAI } from '../../test/support/llm.ts';
import { report } from '../lib/processes.ts';

const model = await startFakeOpenAI('Hello from the fake model.');
report('ready', { url: model.url });
