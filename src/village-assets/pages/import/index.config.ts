export default definePageConfig({ navigationBarTitleText: '粘贴导入登记簿' });
