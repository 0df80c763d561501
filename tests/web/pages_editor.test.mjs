// Every page as the editor of Carpi (pages.mjs).
import { testEveryPageAs } from './pages.mjs';

testEveryPageAs('editor');
