export default definePageConfig({ navigationBarTitleText: '三资登记项目' });
