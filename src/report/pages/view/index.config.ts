export default definePageConfig({ navigationBarTitleText: '村情月报', enableShareAppMessage: true });
