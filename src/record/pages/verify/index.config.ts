export default definePageConfig({ navigationBarTitleText: '核验公开记录' });
