export default definePageConfig({ navigationBarTitleText: '日常监管台账' });
