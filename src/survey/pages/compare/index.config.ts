export default definePageConfig({ navigationBarTitleText: '各村测评对比' });
