import { z } from 'zod';

// Mini-programs forbid eval/new Function; zod must not compile validators at run time.
// Messages for checks that carry no message of their own are in Chinese.
z.config({ jitless: true, ...z.locales.zhCN() });
