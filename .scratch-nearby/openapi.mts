import { testEnv } from '../packages/server/test/env.ts';
