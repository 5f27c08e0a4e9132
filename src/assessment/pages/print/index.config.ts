export default definePageConfig({ navigationBarTitleText: '评分表（打印）' });
