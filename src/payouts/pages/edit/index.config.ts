export default definePageConfig({ navigationBarTitleText: '发放名单录入' });
