export default definePageConfig({ navigationBarTitleText: '满意度测评' });
