export default definePageConfig({ navigationBarTitleText: '重大事项决策' });
