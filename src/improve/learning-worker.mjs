// The learning worker thread's entry: module hooks are per thread, so it registers tsx (as bin/baton.js does) before
// loading the TypeScript job.
import { register } from 'tsx/esm/api';

register();
await import('./learning-job.ts');
