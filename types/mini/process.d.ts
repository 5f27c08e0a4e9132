// The mini-program has no Node: the build replaces `process.env.X` with its value (Taro's define).
// Only these two are there, so a page reaching for anything else of Node fails to type-check.
declare const process: {
  env: {
    TARO_ENV: 'weapp' | 'h5' | undefined;
    NODE_ENV: 'development' | 'production' | 'test';
  };
};
