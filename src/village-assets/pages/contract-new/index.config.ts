export default definePageConfig({ navigationBarTitleText: '登记合同' });
