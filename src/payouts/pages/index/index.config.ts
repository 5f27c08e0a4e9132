export default definePageConfig({ navigationBarTitleText: '惠民资金公开' });
