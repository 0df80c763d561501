// Every page as the administrator (pages.mjs).
import { testEveryPageAs } from './pages.mjs';

testEveryPageAs('admin');
