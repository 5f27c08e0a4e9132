export default definePageConfig({ navigationBarTitleText: '全镇总览' });
