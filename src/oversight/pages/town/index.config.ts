export default definePageConfig({ navigationBarTitleText: '问题反映督办' });
