// Every page as the reader (pages.mjs).
import { testEveryPageAs } from './pages.mjs';

testEveryPageAs('viewer');
