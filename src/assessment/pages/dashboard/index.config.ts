export default definePageConfig({ navigationBarTitleText: '清廉村居指数看板', enablePullDownRefresh: false });
