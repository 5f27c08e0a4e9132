export default definePageConfig({ navigationBarTitleText: '公开进度' });
