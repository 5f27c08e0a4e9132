export default definePageConfig({ navigationBarTitleText: '登记资产资源' });
