export default definePageConfig({ navigationBarTitleText: '历次测评变化' });
