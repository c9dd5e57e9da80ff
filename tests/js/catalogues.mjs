// Imported first by the tests that speak Chinese: the page loads zh-CN's catalogue only when
// it is needed (web/main.js), and hands it to domain/i18n.js's register(); node does the same,
// at once.
import { register } from "../../web/domain/i18n.js";
import ZH_CN from "../../web/domain/messages/zh-CN.js";

register("zh-CN", ZH_CN);
