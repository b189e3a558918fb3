import { app } from 'electron';
app.whenReady().then(() => console.log('ready'));
