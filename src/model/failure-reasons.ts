/**
 * Why a file could not be read, in Thai, for what users read (the web UI, failures.csv). The reasons are written
 * once, in English, where they arise (with the numbers that matter); this table says each in Thai. A reason with
 * no rule keeps its English alone — a test checks that every reason the bad-input corpus produces has one.
 */
const RULES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^the file is empty/, () => 'ไฟล์ว่างเปล่า (0 ไบต์)'],
  [/^the file contains only whitespace/, () => 'ไฟล์มีแต่ช่องว่าง ไม่มีเนื้อหา'],
  [/^a legacy Word \.doc/, () => 'เป็นไฟล์ Word รุ่นเก่า (.doc) กรุณาบันทึกเป็น DOCX หรือ PDF แล้วส่งใหม่'],
  [/^an? (\w+) image, not a document/, (m) => `เป็นไฟล์รูปภาพ ${m[1]} ไม่ใช่เอกสารที่มีข้อความ กรุณาส่งรายงานเป็น PDF, DOCX หรือข้อความ`],
  [/^an RTF file/, () => 'เป็นไฟล์ RTF กรุณาบันทึกเป็น DOCX หรือ PDF แล้วส่งใหม่'],
  [/^a (\d+) MB text or unknown file, over the (\d+) MB limit/, (m) => `ไฟล์ข้อความขนาด ${m[1]} MB เกินขีดจำกัด ${m[2]} MB ของรายงานแบบข้อความหรือ HTML`],
  [/^a ZIP archive without word\/document\.xml/, () => 'เป็นไฟล์ ZIP ที่ไม่มีเนื้อหาของ DOCX (word/document.xml) จึงไม่ใช่รายงาน DOCX'],
  [/^a ZIP archive/, () => 'เป็นไฟล์ ZIP (ชุดไฟล์) ไม่ใช่รายงานฉบับเดียว ให้ส่งเป็นชุดงาน'],
  [/^not a PDF, DOCX, HTML or text file/, () => 'ไม่ใช่ไฟล์ PDF, DOCX, HTML หรือข้อความ (เนื้อหาเป็นข้อมูลที่ไม่รู้จัก)'],
  [/^a DOCX that expands to more than (\d+ MB)/, (m) => `ไฟล์ DOCX ขยายเกิน ${m[1]} เมื่อคลายการบีบอัด จึงไม่อ่าน`],
  [/decompression bomb/, () => 'ไฟล์ขยายตัวเกินขีดจำกัดเมื่อคลายการบีบอัด (อาจเป็นไฟล์อันตราย) จึงไม่อ่าน'],
  [/^a damaged DOCX/, () => 'ไฟล์ DOCX เสียหาย เปิดไม่ได้'],
  [/^has (\d+) pages, over the (\d+)-page limit/, (m) => `มี ${m[1]} หน้า เกินขีดจำกัด ${m[2]} หน้าต่อรายงาน`],
  [/^an encrypted \(password-protected\) PDF/, () => 'ไฟล์ PDF ถูกตั้งรหัสผ่าน กรุณาส่งฉบับที่ไม่มีรหัสผ่าน'],
  [/^a damaged or truncated PDF/, () => 'ไฟล์ PDF เสียหายหรือไม่ครบ อ่านไม่ได้'],
  [/^a PDF that cannot be opened/, () => 'เปิดไฟล์ PDF ไม่ได้'],
  [/^no text could be read from the document/, () => 'อ่านข้อความจากเอกสารไม่ได้ (อาจเป็นภาพสแกน)'],
  [/^needs more than (\d+) MB of memory/, (m) => `ต้องใช้หน่วยความจำเกิน ${m[1]} MB ในการอ่าน (ใหญ่เกินไปหรืออาจเป็นไฟล์อันตราย) จึงไม่อ่าน`],
  [/^gave up after (\d+) attempt/, (m) => `ลองอ่าน ${m[1]} ครั้งแล้วไม่สำเร็จ (ปัญหาของระบบ ไม่ใช่ของไฟล์) กรุณาลองใหม่ภายหลัง`],
  [/^unsafe path in the archive/, () => 'ชื่อไฟล์ใน ZIP ไม่ปลอดภัย (มี .. หรือเป็นตำแหน่งเต็ม) จึงไม่อ่าน'],
  [/^compression ratio too high/, () => 'อัตราการบีบอัดสูงผิดปกติ (อาจเป็นไฟล์อันตราย) จึงไม่อ่าน'],
  [/MB unpacked, over the limit for one report/, () => 'ขนาดหลังคลายการบีบอัดเกินขีดจำกัดของรายงานหนึ่งฉบับ'],
  [/over the (\d+) MB limit for one report/, (m) => `ขนาดเกินขีดจำกัด ${m[1]} MB ของรายงานหนึ่งฉบับ`],
  [/^more than (\d+) files in the archive/, (m) => `ไฟล์ ZIP มีมากกว่า ${m[1]} ไฟล์ ส่วนที่เหลือไม่ได้อ่าน`],
  [/^the archive unpacks to more than/, () => 'ไฟล์ ZIP ขยายเกิน 2 GB ส่วนที่เหลือไม่ได้อ่าน'],
  [/^a damaged ZIP archive/, () => 'ไฟล์ ZIP เสียหาย'],
  [/^cannot be unpacked/, () => 'คลายไฟล์นี้ออกจาก ZIP ไม่ได้'],
  [/^a symbolic link to a place outside/, () => 'เป็นลิงก์ที่ชี้ออกนอกโฟลเดอร์ที่ระบุ จึงไม่อ่าน'],
  [/^a symbolic link to nothing/, () => 'เป็นลิงก์ที่ชี้ไปยังไฟล์ที่ไม่มีอยู่'],
  [/^a folder already read/, () => 'โฟลเดอร์นี้อ่านไปแล้ว (ลิงก์วนซ้ำ) จึงไม่อ่านซ้ำ'],
  [/^not a regular file/, () => 'ไม่ใช่ไฟล์ธรรมดา จึงไม่อ่าน'],
  [/^no such file or folder/, () => 'ไม่พบไฟล์หรือโฟลเดอร์'],
  [/^could not be read \(.*\): a damaged file/, () => 'อ่านไม่ได้: ไฟล์อาจเสียหาย หรือเป็นข้อบกพร่องของ ita-ingest (โปรดแจ้งผู้ดูแลระบบพร้อมไฟล์นี้)'],
];

/** The reason in Thai, or null when no rule says it. */
export function thaiReason(reason: string): string | null {
  for (const [re, say] of RULES) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return null;
}

/** Thai first, the English original after it (what a person reads in exports and the UI). */
export function reasonForPeople(reason: string): string {
  const th = thaiReason(reason);
  return th ? `${th} (${reason})` : reason;
}
