export default definePageConfig({ navigationBarTitleText: '纸质问卷录入' });
