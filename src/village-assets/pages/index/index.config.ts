export default definePageConfig({ navigationBarTitleText: '村集体三资' });
