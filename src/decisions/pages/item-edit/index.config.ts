export default definePageConfig({ navigationBarTitleText: '维护权力清单' });
