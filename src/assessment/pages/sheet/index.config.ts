export default definePageConfig({ navigationBarTitleText: '清廉村居自评' });
