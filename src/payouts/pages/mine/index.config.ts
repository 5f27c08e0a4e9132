export default definePageConfig({ navigationBarTitleText: '我家领了什么' });
