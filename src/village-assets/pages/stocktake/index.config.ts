export default definePageConfig({ navigationBarTitleText: '三资盘点' });
