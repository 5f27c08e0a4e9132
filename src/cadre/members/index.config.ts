export default definePageConfig({ navigationBarTitleText: '村民与邀请' });
