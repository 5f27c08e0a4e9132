export default definePageConfig({ navigationBarTitleText: '月报打印版' });
