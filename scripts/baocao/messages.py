"""Every Vietnamese text a user reads from a command, by code; tests pin these texts."""

from baocao.text import printable

MESSAGES: dict[str, str] = {
    # reading the file
    "file-empty": "Tệp rỗng. Hãy tạo lại tệp bằng lệnh `baocao new {agency}` rồi điền nội dung.",
    "file-binary": "Tệp không phải văn bản (có thể là tệp Word hoặc ảnh đổi đuôi .md). Nếu có tệp Word, dùng lệnh `baocao import` để chuyển thành báo cáo.",
    "file-utf16": "Tệp được lưu dạng UTF-16. Hãy lưu lại tệp với mã hóa UTF-8.",
    "file-encoding": "Tệp không được lưu dạng UTF-8 (byte lạ 0x{byte:02X} ở ký tự thứ {column} của dòng). Hãy lưu lại tệp với mã hóa UTF-8.",
    "file-unreadable": "Không đọc được tệp: {detail}.",
    "frontmatter-missing": "Tệp không bắt đầu bằng phần thông tin đầu tệp. Dòng đầu tiên phải là `---`, tiếp theo là các trường như co_quan, so_ky_hieu..., rồi một dòng `---`.",
    "frontmatter-unclosed": "Phần thông tin đầu tệp mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại. Thêm một dòng chỉ gồm `---` sau trường cuối cùng.",
    "frontmatter-not-mapping": "Phần thông tin đầu tệp phải là danh sách các trường dạng `tên_trường: giá trị`.",
    "frontmatter-too-large": "Phần thông tin đầu tệp quá dài ({size} ký tự, tối đa {limit}). Nội dung báo cáo phải đặt sau dòng `---` thứ hai.",
    # front matter syntax (messages: issue 20)
    "yaml-syntax": 'Phần thông tin đầu tệp viết sai ở ký tự thứ {column} của dòng này: {detail}. Kiểm tra dấu hai chấm, thụt lề và dấu nháy; giá trị có dấu `:` hãy đặt trong dấu nháy kép thẳng "...".',
    "yaml-colon-space": 'Sau dấu hai chấm của "{key}:" thiếu một dấu cách, nên dòng này không được đọc thành trường. Viết "{key}: {value}".',
    "yaml-colon-missing": 'Thiếu dấu hai chấm sau tên trường "{key}". Viết "{key}: {value}".',
    "yaml-indent": 'Dòng này thụt lề sâu hơn dòng trên ("{above}") nên không được đọc thành trường. Các trường cùng nhóm phải thẳng hàng: thụt vào đúng bằng trường ngay trên (các trường con như ho_ten, chuc_vu thụt 2 dấu cách dưới tên nhóm).',
    "yaml-tab": "Dòng này thụt lề bằng phím Tab. Xóa Tab và thụt lề bằng 2 dấu cách, thẳng hàng với các trường cùng nhóm.",
    "yaml-duplicate-key": 'Trường "{key}" xuất hiện hai lần (lần đầu ở dòng {first}). Giữ lại một lần, nếu không giá trị trước sẽ bị mất.',
    "yaml-tag": 'Không được dùng thẻ "{tag}" trong phần thông tin đầu tệp. Hãy viết giá trị bình thường, không có dấu `!`.',
    "yaml-alias": "Không được dùng tham chiếu (`&`, `*`, `<<`) trong phần thông tin đầu tệp. Hãy viết đầy đủ giá trị ở mỗi chỗ.",
    "yaml-complex-key": "Tên trường phải là chữ đơn giản, không phải danh sách hay nhóm.",
    # invisible and look-alike characters (messages: issue 20)
    "control-character": "Có ký tự điều khiển không nhìn thấy ({name}) ở ký tự thứ {column} của dòng này{where}. Xóa ký tự đó: {how} (ký tự này thường lọt vào khi sao chép từ phần mềm khác).",
    "space-special": "Có khoảng trắng đặc biệt (copy từ Word) ở ký tự thứ {column} của dòng này. Công cụ đã coi nó là dấu cách thường; nên xóa khoảng trắng đó và gõ lại bằng phím cách.",
    "bidi-control": "Có ký tự định hướng chữ không nhìn thấy ({name}), đầu tiên ở ký tự thứ {column} của dòng này (thường lọt vào khi sao chép số điện thoại hoặc chữ từ trang web). Các ký tự này có thể làm chữ hiện ra theo thứ tự khác với khi gõ, nên công cụ đã bỏ chúng; nên xóa và gõ lại đoạn đó.",
    "control-in-field": "{label} có ký tự không nhìn thấy ({name}), có thể được viết bằng mã như \\e hay \\u202e trong dấu ngoặc kép. Công cụ đã bỏ ký tự đó; hãy xóa nó (hoặc mã đó) khỏi giá trị.",
    "table-cells-extra": 'Hàng này của bảng có {count} ô, nhiều hơn hàng tiêu đề ({columns} ô): ô thừa ("{extra}") không hiện trên trang web và trong báo cáo tổng hợp. Thêm cột ở hàng tiêu đề và ở dòng |---| ngay dưới nó, hoặc gộp ô thừa vào ô trước.',
    "table-cells-missing": 'Hàng này của bảng có {count} ô, ít hơn hàng tiêu đề ({columns} ô): các ô cuối sẽ để trống. Nếu còn thiếu số liệu, thêm ô cho đủ (ô trống viết "| |").',
    "table-not-read": "Bảng bắt đầu ở dòng này không được đọc thành bảng: hàng tiêu đề có {header} ô nhưng dòng |---| dưới nó có {delimiter} ô, nên cả bảng hiện thành một đoạn chữ có các dấu |. Sửa dòng thứ hai cho có đúng {header} ô: {example}",
    "entity-invisible": 'Mã "{entity}" ở ký tự thứ {column} của dòng này viết ra một ký tự không nhìn thấy ({name}), có thể làm chữ hiện ra khác với khi gõ. Xóa mã đó.',
    "note-nested": 'Định nghĩa chú thích "[^{label}]:" nằm trong danh sách, trích dẫn hoặc đoạn thụt lề, nên không được đặt đúng chỗ trên trang web và trong báo cáo tổng hợp. Viết dòng "[^{label}]: ..." sát lề trái, không có dấu "-", "+", "*", số thứ tự, ">" hay khoảng trắng phía trước, và cách đoạn trên một dòng trống.',
    "comment-open": 'Ghi chú mở bằng "<!--" ở dòng này không được đóng bằng "-->", nên mọi chữ từ đây đến hết báo cáo (dòng {last}) bị ẩn trên trang web và trong báo cáo tổng hợp. Thêm "-->" ở cuối ghi chú.',
    "comment-headings": 'Ghi chú mở bằng "<!--" ở dòng này kéo dài đến dòng {last} và che mất tiêu đề "{title}" cùng nội dung đi kèm: chúng bị ẩn trên trang web và trong báo cáo tổng hợp. Có thể ghi chú này thiếu "-->" ở cuối; thêm "-->" ngay sau ghi chú.',
    "zero-width": "Có ký tự không nhìn thấy (khoảng trắng độ rộng 0, thường lọt vào khi sao chép từ trang web hoặc Word) ở ký tự thứ {column} của dòng này. Công cụ đã bỏ nó; nên xóa và gõ lại dòng này.",
    "quotes-curly": 'Giá trị của {label} nằm trong dấu ngoặc kép cong “ ” (Word tự đổi dấu nháy). Công cụ đã bỏ hai dấu này và đọc giá trị là "{value}"; nên xóa hai dấu đó hoặc thay bằng dấu nháy thẳng "...".',
    "heading-space-special": 'Sau dấu # có khoảng trắng đặc biệt (copy từ Word) ở ký tự thứ {column} của dòng này. Công cụ đã đọc dòng này là tiêu đề "{title}"; nên xóa khoảng trắng đó và gõ lại bằng phím cách.',
    "heading-no-space": 'Thiếu dấu cách sau "{hashes}" ở ký tự thứ {column} của dòng này: tiêu đề phải viết "{hashes} {title}". Công cụ đã đọc dòng này là tiêu đề; hãy thêm một dấu cách sau dấu # cuối cùng.',
    # schema (messages: issue 20; {label} is the field's title and key, e.g. "Số, ký hiệu văn bản (so_ky_hieu)")
    "schema-required": "Thiếu trường bắt buộc {label}{where}. Thêm dòng `{name}: ...`{where}.",
    "schema-additional-indent": 'Trường "{name}" thuộc nhóm {group} nhưng đang viết sát lề trái. Thụt dòng này vào 2 dấu cách, thẳng hàng với các trường khác dưới dòng "{group}:".',
    "schema-additional": 'Trường "{name}" không có trong mẫu báo cáo. Kiểm tra lỗi chính tả (các trường hợp lệ: {allowed}).',
    "schema-type": "{label}: phải là {expected}, đang là {actual}.",
    "schema-enum": '{label}: giá trị "{value}" không hợp lệ; chỉ được chọn một trong: {allowed}.',
    "schema-const": '{label}: giá trị "{value}" không hợp lệ; chỉ được ghi đúng "{allowed}".',
    "schema-maximum": "{label}: số {value} quá lớn (tối đa {limit}). Kiểm tra lại đơn vị (đồng) và số chữ số.",
    "schema-minimum": "{label}: phải là số từ {limit} trở lên (đang là {value}).",
    "schema-exclusive-maximum": "{label}: số {value} quá lớn (phải nhỏ hơn {limit}).",
    "schema-exclusive-minimum": "{label}: phải là số lớn hơn {limit} (đang là {value}).",
    "schema-multiple-of": "{label}: số {value} phải là bội số của {limit}.",
    "schema-max-length": "{label}: dài {length} ký tự, quá giới hạn {limit} ký tự. Hãy viết ngắn lại.",
    "schema-min-length": "{label}: quá ngắn ({length} ký tự, cần ít nhất {limit}).",
    "schema-integer-written": '{label}: viết là "{written}" nhưng được đọc thành số {value} (số có số 0 ở đầu, dấu hai chấm hay 0x, 0b đứng trước được đọc theo cách khác). Viết số bằng các chữ số liền nhau, không có số 0 ở đầu, ví dụ 1250000000.',
    "schema-pattern": '{label}: "{value}" không đúng dạng. {description}',
    "schema-format": '{label}: "{value}" không đúng dạng {format}.',
    "schema-empty": "{label}: chưa được điền. {description}",
    "schema-curly": "Giá trị có dấu ngoặc kép cong “ ” hoặc ‘ ’ (Word tự đổi dấu nháy): hãy xóa các dấu đó.",
    "schema-min-items": "{label}: cần ít nhất {limit} mục (đang có {count}).",
    "schema-max-items": "{label}: chỉ được có tối đa {limit} mục (đang có {count}).",
    "schema-unique-items": "{label}: có hai mục giống hệt nhau. Xóa mục thừa.",
    "schema-min-properties": "{label}: cần ít nhất {limit} trường (đang có {count}).",
    "schema-max-properties": "{label}: chỉ được có tối đa {limit} trường (đang có {count}).",
    "schema-dependent-required": "{label}: khi đã có trường {name} thì phải có cả {required}.",
    "schema-nesting": "{label}: các giá trị lồng vào nhau quá nhiều tầng. Viết lại thành các trường đơn giản như trong mẫu.",
    "schema-other": "{label}: giá trị không đúng mẫu báo cáo. {description}Xem mẫu bằng lệnh `baocao new` hoặc trang Hướng dẫn.",
    "field-placeholder": '{label}: chưa điền. Thay "(Chưa điền)" bằng thông tin thật.',
    "date-invalid": '{label}: "{value}" không phải ngày có thật. Sửa lại theo dạng ngày/tháng/năm, ví dụ 03/12/2024.',
    "year-duplicate": "{label}: năm {year} có hai mục (dòng {first} và dòng này). Gộp số liệu của cùng một năm vào một mục.",
    # identity
    "agency-unknown": 'Mã cơ quan "{agency}" không có trong danh sách của đợt báo cáo.{suggestion} Xem danh sách bằng lệnh `baocao tasks`.',
    "agency-filename": 'Tên tệp "{filename}" không khớp mã cơ quan "{agency}". Đổi tên tệp thành "{agency}.md" hoặc sửa trường co_quan.',
    "agency-duplicate": 'Cơ quan "{agency}" đã có báo cáo ở tệp {other}. Mỗi cơ quan chỉ nộp một tệp; hãy gộp nội dung vào một tệp.',
    # ownership (pull requests)
    "ownership": 'Tệp "{path}" ({what}) không thuộc quyền sửa của {author} ({names}). Yêu cầu gộp của cơ quan chỉ được sửa {own} và ảnh trong thư mục cùng tên; hãy bỏ thay đổi này, hoặc đề nghị Ban Thư ký thực hiện.',
    # newcomer: the agency's own report under a name the tool does not read
    "filename-outside": 'Tệp "{path}" nằm ngoài thư mục submissions/, nên không được đọc. Báo cáo phải đặt trong thư mục đó, tên submissions/{agency}.docx (tệp Word) hoặc submissions/{agency}.md: trên GitHub, mở thư mục submissions rồi mới bấm Add file → Upload files. Xóa tệp này khỏi yêu cầu gộp.',
    "filename-misnamed": 'Tệp "{path}" không được đọc: báo cáo phải có tên đúng {agency}.docx (tệp Word) hoặc {agency}.md, chữ thường. Tệp .doc cũ: mở bằng Word, chọn Lưu thành (Save As) → Word Document (*.docx). Đổi tên hoặc lưu lại cho đúng, tải lên tệp đó và xóa tệp này khỏi yêu cầu gộp.',
    # a file at the top of submissions/ that is not read (baocao check, build)
    "unread-file": 'Tệp "{path}" không được đọc: trong thư mục submissions/ chỉ đọc báo cáo có tên đúng mã cơ quan, dạng <mã>.docx (tệp Word) hoặc <mã>.md, chữ thường.{hint} Nếu tệp không phải báo cáo, hãy xóa nó khỏi thư mục này.',
    "unread-file-agency": " Nếu đây là báo cáo của {name}, hãy lưu lại thành {agency}.docx (tệp .doc cũ: mở bằng Word, chọn Lưu thành (Save As) → Word Document (*.docx)) hoặc đổi tên thành {agency}.md.",
    "author-unknown": "Tài khoản {author} chưa được ghi là người gửi báo cáo của cơ quan nào. Báo tên tài khoản GitHub của mình cho Ban Thư ký để được ghi vào campaign.yml (mục accounts của cơ quan), rồi chạy lại kiểm tra.",
    # review state
    "review-invalid": "reviews.yml: {detail}",
    # newcomer: a reviews.yml that YAML cannot read is ignored whole: say where and why
    "review-yaml-duplicate": 'dòng "{key}:" xuất hiện hai lần (lần đầu ở dòng {first}), nên cả tệp bị bỏ qua. Đưa các mục của dòng này vào dưới một dòng "{key}:" rồi chạy lại.',
    "review-yaml-syntax": "lỗi cú pháp YAML ở ký tự thứ {column} của dòng này ({detail}), nên cả tệp bị bỏ qua. Sửa dòng này rồi chạy lại.",
    "review-yaml-other": "lỗi cú pháp YAML, hãy sửa lại tệp.",
    "review-unknown-agency": 'reviews.yml: mã cơ quan "{agency}" không có trong danh sách của đợt báo cáo.{hint}',
    "review-no-report": 'reviews.yml: {section} của "{agency}" chưa được dùng: cơ quan chưa có báo cáo trong submissions/, nên vẫn là Chưa nộp (và có tên trong công văn đôn đốc). Đặt báo cáo vào submissions/{agency}.md (hoặc .docx), hoặc sửa mã cơ quan.',
    "review-received-unofficial": 'reviews.yml: {section} của "{agency}" chưa được dùng: báo cáo trong submissions/ chưa phải bản chính thức đạt yêu cầu kiểm tra. Thay tệp đó bằng bản chính thức đã nhận rồi chạy lại.',
    "review-future-date": 'reviews.yml: {section} của "{agency}" ghi ngày {day:%d/%m/%Y}, sau hôm nay ({today:%d/%m/%Y}), có thể gõ nhầm năm hay tháng; ngày này vẫn được dùng như đã ghi. Sửa lại ngày cho đúng rồi chạy lại.',
    "review-extension-early": "{day:%d/%m/%Y} không sau hạn chung {deadline:%d/%m/%Y} nên không phải gia hạn; mục này bị bỏ qua.",
    "review-agency-hint": ' Có phải là "{agency}"?',
    "review-field-required": "thiếu {name}",
    "review-field-enum": '{name} "{value}" không đúng: chỉ dùng {allowed}',
    "review-field-other": "{name}: không đúng mẫu ({description}{example})",
    "review-field-example": " Ví dụ: {example}.",
    # completeness
    "section-missing": 'Thiếu mục "{title}" của đề cương. Thêm tiêu đề này{where}, rồi viết nội dung bên dưới.',
    "task-missing": 'Thiếu nhiệm vụ được giao "{title}". Thêm tiêu đề nhiệm vụ này{where}, rồi báo cáo kết quả thực hiện bên dưới.',
    "section-empty": 'Mục "{title}" chưa có nội dung. Thay dòng giữ chỗ "(Chưa viết ...)" bằng nội dung báo cáo.',
    "task-empty": 'Nhiệm vụ "{title}" chưa có nội dung. Thay dòng giữ chỗ "(Chưa viết ...)" bằng kết quả thực hiện.',
    "section-no-text": 'Mục "{title}" chưa có nội dung: dưới tiêu đề không có chữ, số hay hình nào. Hãy viết nội dung báo cáo ngay dưới tiêu đề của mục.',
    "task-no-text": 'Nhiệm vụ "{title}" chưa có nội dung: dưới tiêu đề không có chữ, số hay hình nào. Hãy viết kết quả thực hiện ngay dưới tiêu đề của nhiệm vụ.',
    "placeholder-joined": '{kind} "{title}": nội dung được viết tiếp ngay sau dòng giữ chỗ "(Chưa viết: thay ... bằng nội dung báo cáo.)", trong cùng một đoạn. Công cụ đã bỏ phần giữ chỗ đó trên trang web và trong báo cáo tổng hợp; hãy xóa phần chữ "(Chưa viết: ...)" ở đầu đoạn, giữ nguyên phần đã viết.',
    "placeholder-left": '{kind} "{title}" đã có nội dung nhưng vẫn còn dòng giữ chỗ "(Chưa viết ...)". Xóa dòng đó.',
    "heading-unknown": 'Tiêu đề "{title}" không khớp mục nào trong đề cương của cơ quan.{suggestion} Nội dung dưới tiêu đề này được tính vào mục "{parent}".',
    "heading-near": 'Tiêu đề "{title}" gần giống mục "{expected}" của đề cương và được tính là mục đó. Nên sửa lại đúng như đề cương.',
    "heading-duplicate": 'Mục "{title}" xuất hiện lần nữa (lần đầu ở dòng {first}). Gộp nội dung vào một mục.',
    # links and images (media: baocao.targets, links.py)
    "html-raw": 'Mã HTML ("{tag}") chỉ hiện đúng trên trang web; trong báo cáo DOCX chỉ còn lại chữ và ảnh của nó. Hãy viết bằng Markdown: bảng với dấu |, danh sách với dấu -, ảnh với ![tên ảnh]({agency}/tên-ảnh.png).',
    "image-remote": 'Ảnh "{target}" nằm trên máy chủ khác. Tải ảnh về, đặt trong thư mục submissions/{agency}/ và viết đường dẫn {agency}/tên-ảnh.png.',
    "image-embedded": 'Ảnh "{target}" được nhúng thẳng trong văn bản. Lưu ảnh thành tệp trong thư mục submissions/{agency}/ và viết đường dẫn {agency}/tên-ảnh.png.',
    "link-outside": 'Đường dẫn "{target}" trỏ ra ngoài thư mục của báo cáo. Ảnh và tệp đính kèm phải đặt trong submissions/{agency}/.',
    "link-scheme": 'Liên kết "{target}" không dùng được. Chỉ liên kết tới trang web (http://, https://), thư điện tử (mailto:) hoặc tệp trong thư mục submissions/{agency}/.',
    "link-hidden": '"{target}" có tên tệp hoặc thư mục bắt đầu bằng dấu chấm nên không được đăng. Đổi tên để không bắt đầu bằng dấu chấm.',
    "link-type": 'Tệp "{target}" không thuộc loại được đăng. Tệp đính kèm phải là ảnh (.png, .jpg, .jpeg, .gif, .webp) hoặc tài liệu (.pdf, .docx, .xlsx, .odt, .ods).',
    "image-type": 'Ảnh "{target}" không thuộc loại được đăng. Ảnh phải là tệp .png, .jpg, .jpeg, .gif hoặc .webp trong thư mục submissions/{agency}/; ảnh .svg hãy xuất ra .png.',
    "image-content": 'Tệp "{target}" không phải là ảnh {kind} như đuôi tên tệp cho biết. Mở ảnh bằng chương trình xem ảnh, lưu lại đúng định dạng (ví dụ xuất ra PNG) rồi thay tệp này.',
    "link-symlink": '"{target}" không phải là tệp thật trong thư mục submissions/{agency}/ (là liên kết symlink, liên kết cứng hoặc tệp đặc biệt) nên không được đăng. Hãy chép chính tệp đó vào thư mục này.',
    "link-missing": 'Không tìm thấy tệp "{target}". Đặt tệp trong thư mục submissions/{agency}/ và viết đường dẫn {agency}/tên-tệp.',
    "image-missing": 'Không tìm thấy ảnh "{target}". Đặt ảnh trong thư mục submissions/{agency}/ và viết đường dẫn {agency}/tên-ảnh.png.',
    # entry: what may be under submissions/ (issue 16 item 3)
    "entry-symlink": "{path} là liên kết (symlink), không phải tệp thật. Trong thư mục submissions/ không được có liên kết: hãy xóa liên kết và chép chính tệp vào chỗ đó.",
    "entry-special": "{path} là {kind}, không phải tệp thường. Trong thư mục submissions/ chỉ được có tệp và thư mục thường: hãy xóa {path}.",
    "entry-submodule": "{path} là một kho git con (submodule). Trong thư mục submissions/ chỉ được có tệp và thư mục thường: hãy bỏ kho git con (`git rm --cached {path}`) rồi chép chính các tệp vào đây.",
    # limits: baocao.limits (issue 16 item 6); {size} is what was found, {limit} the limit
    "limit-file-bytes": "Tệp báo cáo dài {size} byte, vượt giới hạn {limit} byte. Báo cáo thường chỉ 10–50 KB: hãy bỏ phần chép thừa, đưa bảng số liệu dài vào tệp Excel đính kèm.",
    "limit-heading-chars": "Tiêu đề dài {size} ký tự, vượt giới hạn {limit} ký tự. Hãy viết tiêu đề ngắn lại, đưa phần giải thích xuống đoạn văn bên dưới.",
    "limit-block-depth": "Danh sách và trích dẫn lồng nhau {size} cấp, vượt giới hạn {limit} cấp. Hãy bớt cấp lồng nhau (bớt dấu >, bớt thụt lề của danh sách).",
    "limit-bracket-depth": "Dấu ngoặc vuông [ ] lồng nhau {size} cấp trong một đoạn, vượt giới hạn {limit} cấp. Hãy bớt ngoặc vuông lồng nhau, hoặc viết \\[ nếu muốn hiện dấu [.",
    "limit-emphasis-depth": "Chữ đậm, nghiêng, gạch ngang (*, _, ~~) lồng nhau {size} cấp trong một đoạn, vượt giới hạn {limit} cấp. Hãy bớt các dấu * và _ thừa, hoặc viết \\* nếu muốn hiện dấu *.",
    "limit-emphasis-marks": "Một đoạn có {size} dấu *, _ hoặc ~~, vượt giới hạn {limit} dấu trong một đoạn. Hãy chia đoạn văn này thành nhiều đoạn ngắn, bớt các dấu thừa, hoặc viết \\* và \\_ nếu muốn hiện các dấu đó.",
    "limit-table-rows": "Bảng có {size} dòng, vượt giới hạn {limit} dòng. Hãy chia bảng thành nhiều bảng nhỏ, hoặc đưa vào tệp Excel đính kèm.",
    "limit-table-cells": "Bảng có {size} ô ({rows} dòng × {columns} cột), vượt giới hạn {limit} ô. Hãy chia bảng thành nhiều bảng nhỏ, hoặc đưa vào tệp Excel đính kèm.",
    "limit-lists": "Báo cáo có {size} danh sách (kể cả danh sách con), vượt giới hạn {limit}. Hãy gộp các danh sách liền nhau, hoặc viết thành đoạn văn.",
    "limit-html-depth": "Thẻ HTML lồng nhau {size} cấp, vượt giới hạn {limit} cấp. Hãy đóng các thẻ đã mở (</div>, </span>…) hoặc bỏ bớt thẻ HTML, viết bằng Markdown.",
    "limit-combining-marks": "Một chữ mang {size} dấu kết hợp liền nhau (dấu thanh, dấu phụ), vượt giới hạn {limit} dấu. Hãy xóa các dấu thừa (thường do chép từ nơi khác) hoặc gõ lại chữ đó.",
    "limit-paragraph-comments": 'Một đoạn có {size} dấu mở ghi chú "<!--" không được đóng, vượt giới hạn {limit} trong một đoạn. Hãy đóng mỗi ghi chú bằng "-->", xóa các dấu "<!--" thừa, hoặc viết \\<!-- nếu muốn hiện dấu đó.',
    "limit-paragraph-links": "Một đoạn có {size} liên kết hoặc dấu [, vượt giới hạn {limit} trong một đoạn. Hãy chia đoạn văn này thành nhiều đoạn ngắn, hoặc viết \\[ nếu muốn hiện dấu [.",
    "limit-image-references": "Báo cáo hiện {size} ảnh, vượt giới hạn {limit} ảnh. Hãy chỉ giữ những ảnh cần thiết.",
    "limit-image-bytes": "Ảnh dài {size} byte, vượt giới hạn {limit} byte một ảnh. Hãy giảm kích thước ảnh (lưu lại dạng JPEG, chất lượng vừa phải).",
    "limit-image-pixels": "Ảnh có {width} × {height} = {size} điểm ảnh, vượt giới hạn {limit} điểm ảnh. Hãy thu nhỏ ảnh (ví dụ rộng tối đa 4000 điểm ảnh).",
    "limit-image-unreadable": "Không đọc được kích thước của ảnh ({detail}): tệp hỏng, hoặc không phải ảnh {kind} như tên tệp cho biết. Hãy lưu lại ảnh dạng PNG hoặc JPEG.",
    "limit-attachment-bytes": "Tệp đính kèm dài {size} byte, vượt giới hạn {limit} byte một tệp. Hãy nén hoặc chia nhỏ tệp.",
    "limit-folder-bytes": "Các tệp trong thư mục {path} dài tổng cộng {size} byte, vượt giới hạn {limit} byte. Hãy bỏ tệp không cần thiết hoặc giảm kích thước ảnh.",
    # Word files as submissions (submissions/<id>.docx)
    "word-agency": 'Tên tệp "{name}" không phải mã của cơ quan nào trong đợt báo cáo.{suggestion} Đặt tên tệp Word đúng mã cơ quan, ví dụ "bo-y-te.docx" (xem danh sách ở trang Tải về).',
    "word-lock-file": 'Tệp "{name}" là tệp tạm mà Word tự tạo trong lúc một văn bản đang mở, không phải báo cáo (không có nội dung). Xóa tệp này khỏi yêu cầu gộp (đừng đổi tên nó); đóng văn bản trong Word rồi tải lên chính tệp báo cáo, tên đúng mã cơ quan, ví dụ "bo-y-te.docx".',
    "word-structure": "Tệp Word có cấu trúc không đọc được ({detail}). Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi tải lên lại.",
    "word-text-bytes": "Văn bản đọc từ tệp Word dài {size} byte, vượt giới hạn {limit} byte của một báo cáo. Báo cáo thường chỉ 10–50 KB: hãy bỏ phần chép thừa, đưa bảng số liệu dài vào tệp Excel đính kèm, rồi lưu lại tệp Word.",
    "word-images": 'Tệp Word có {count} ảnh; ảnh trong tệp Word chưa được đăng lên trang web và báo cáo tổng hợp (chỗ mỗi ảnh có ghi chú "Hình trong tệp Word"). Nếu ảnh cần công bố, gửi ảnh cho Ban Thư ký.',
    "word-revisions": "Tệp Word còn {count} chỗ sửa đổi đang theo dõi (Track Changes) chưa được chấp nhận hay từ chối. Công cụ đọc văn bản như khi chấp nhận tất cả: giữ chữ được thêm, bỏ chữ bị xóa. Mở tệp bằng Word, xem từng chỗ (Xem lại > Chấp nhận hoặc Từ chối; Review > Accept/Reject), lưu lại rồi tải lên lại.",
    "word-comments": "Tệp Word có {count} nhận xét (Comment); nhận xét không được đưa lên trang web và báo cáo tổng hợp. Nội dung cần báo cáo thì chép vào văn bản; rồi xóa các nhận xét (Xem lại > Xóa > Xóa tất cả nhận xét; Review > Delete > Delete All Comments), lưu lại và tải lên lại.",
    "word-and-markdown": "Cơ quan có cả tệp {docx} và tệp {md}; mỗi cơ quan chỉ nộp một tệp báo cáo. Xóa một trong hai tệp (tệp {docx} chưa được đọc).",
    "word-field-number": 'Chưa đọc được số, ký hiệu văn bản. Ở đầu văn bản, dưới tên cơ quan, ghi một dòng như "Số: 125/BC-UBND". Thiếu số, ngày hoặc người ký thì báo cáo được tính là dự thảo.',
    "word-field-date": 'Chưa đọc được ngày ban hành. Ở đầu văn bản ghi một dòng như "Hà Nội, ngày 03 tháng 12 năm 2024". Thiếu số, ngày hoặc người ký thì báo cáo được tính là dự thảo.',
    "word-field-signer": "Chưa đọc được người ký. Ở cuối văn bản ghi chức vụ (chữ in hoa, ví dụ THỨ TRƯỞNG) rồi họ và tên người ký, mỗi thứ một dòng. Thiếu số, ngày hoặc người ký thì báo cáo được tính là dự thảo.",
    "word-field-contact": 'Chưa có người liên hệ. Ở cuối văn bản thêm một dòng như "Người liên hệ: Trần Thị Bình, điện thoại 0982.190.626, thư điện tử binh@example.gov.vn".',
    # newcomer: a heading written twice in a Word file (which has no lines to point at)
    "word-heading-duplicate": 'Tiêu đề "{title}" có hai lần trong văn bản; đây là lần thứ hai. Gộp nội dung vào dưới tiêu đề thứ nhất rồi xóa tiêu đề này.',
    # newcomer: the agency a misnamed Word file most likely means
    "word-agency-hint": ' Có phải là "{name}"?',
    # newcomer: a contact line with only some of its parts
    "word-field-contact-part": 'Dòng "Người liên hệ" còn thiếu {missing}. Ghi đủ họ và tên, điện thoại và thư điện tử trên một dòng, ví dụ "Người liên hệ: Trần Thị Bình, điện thoại 0982.190.626, thư điện tử binh@example.gov.vn".',
    "word-agency-mismatch": 'Tên cơ quan ở đầu văn bản ("{letterhead}") khác với cơ quan mà tên tệp {file} chỉ ra ({name}). Nếu đây là báo cáo của cơ quan khác, đổi tên tệp đúng mã cơ quan đó; nếu là báo cáo của {name} (ví dụ soạn lại từ tệp của cơ quan khác), sửa tên cơ quan ở đầu văn bản.',
    "word-agency-mismatch-hint": ' Đầu văn bản ghi tên {name}: tệp của cơ quan đó phải tên là "{file}".',
    "import-agency-mismatch": 'Tên cơ quan ở đầu văn bản ("{letterhead}") khác với cơ quan được nhập ({name}, mã {agency}). Kiểm tra lại tệp Word hoặc mã cơ quan.',
    "import-figures-unmatched": 'Bảng số liệu có dòng hoặc ô không khớp chỉ tiêu nào của đợt báo cáo nên các dòng, ô đó không được tính vào số liệu tổng hợp của đợt báo cáo (bảng vẫn được giữ nguyên trong nội dung báo cáo): {rows}. Mỗi dòng phải đúng tên một chỉ tiêu của mẫu; mỗi ô chỉ ghi số nguyên, có thể có dấu chấm ngăn cách hàng nghìn (ví dụ 2.450.000.000), không ghi chữ như "tỷ", "triệu".',
    "word-place-head": "Phần đầu văn bản (số, ngày, người ký)",
    "word-place-opening": "Phần mở đầu",
    "word-place-end": "Cuối văn bản",
    "word-place-figures": "Bảng Số liệu",
    "word-place": "{section}, đoạn {paragraph}",
    # fidelity: a chart of a Word file (importer/charts.py)
    "import-figures-repeated": "Bảng số liệu ghi hai lần {what}: chỉ lần thứ nhất được tính vào số liệu tổng hợp của đợt báo cáo (bảng vẫn được giữ nguyên trong nội dung báo cáo). Mỗi năm chỉ một cột, mỗi chỉ tiêu chỉ một dòng: sửa năm ở tiêu đề cột, hoặc cộng hai dòng của cùng chỉ tiêu thành một.",
    "import-chart-caption": "Số liệu của biểu đồ trong tệp Word: {title}",
    "import-chart-caption-untitled": "Số liệu của biểu đồ trong tệp Word",
    "import-charts": "Tệp Word có {count} biểu đồ: hình biểu đồ không chuyển được, số liệu của mỗi biểu đồ thành một bảng ngay sau chỗ của nó. Nếu cần đăng hình biểu đồ, hãy chép biểu đồ thành ảnh trong Word (Dán đặc biệt > Ảnh) hoặc gửi ảnh cho Ban Thư ký.",
    "import-diagram-caption": "Chữ trong sơ đồ (SmartArt) của tệp Word:",
    "import-diagrams": "Tệp Word có {count} sơ đồ SmartArt: hình sơ đồ không chuyển được, chữ trong mỗi sơ đồ thành một danh sách ngay sau chỗ của nó. Nếu cần đăng hình sơ đồ, hãy chép sơ đồ thành ảnh trong Word (Dán đặc biệt > Ảnh) hoặc gửi ảnh cho Ban Thư ký.",
    # fidelity: a Markdown report typed in a legacy encoding (legacy_text.py)
    "legacy-encoding": 'Dòng này có vẻ được gõ bằng bảng mã cũ {encoding} nên hiện sai dấu trên trang web và trong báo cáo tổng hợp. Hãy chuyển dòng này sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), đọc là: "{text}"',
}

TYPE_NAMES = {
    "string": "chữ (văn bản)",
    "integer": "số nguyên",
    "number": "số",
    "object": "nhóm trường",
    "array": "danh sách",
    "boolean": "đúng/sai",
    "null": "để trống",
}

SEVERITY_LABELS = {"error": "lỗi", "warning": "cảnh báo"}

CONTACT_PARTS = {"ho_ten": "họ và tên", "dien_thoai": "điện thoại", "email": "thư điện tử"}

STATE_LABELS = {"complete": "Đã viết", "empty": "Chưa viết", "missing": "Thiếu"}

REVIEW_LABELS = {
    "da_tiep_nhan": "Đã tiếp nhận",
    "yeu_cau_bo_sung": "Yêu cầu bổ sung",
    None: "Chưa xem xét",
}

STATUS_LABELS = {
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "draft": "Dự thảo",
    "invalid": "Chưa đạt yêu cầu kiểm tra",
    "not_submitted": "Chưa nộp",
}


def render(code: str, **values: object) -> str:
    return MESSAGES[code].format(**values)


def type_name(value: object) -> str:
    if value is None:
        return TYPE_NAMES["null"]
    if isinstance(value, bool):
        return TYPE_NAMES["boolean"]
    if isinstance(value, int):
        return TYPE_NAMES["integer"]
    if isinstance(value, float):
        return TYPE_NAMES["number"]
    if isinstance(value, str):
        return TYPE_NAMES["string"]
    if isinstance(value, list):
        return TYPE_NAMES["array"]
    if isinstance(value, dict):
        return TYPE_NAMES["object"]
    return type(value).__name__


# Errors that stop a command (baocao.errors), by code; shown after "lỗi: ".
ERRORS: dict[str, str] = {
    "pandoc-start": "không chạy được pandoc ({detail}). Cài lại công cụ: pip install -e .",
    "pandoc-timeout": "pandoc không tạo xong tệp {name} sau {seconds} giây.",
    "pandoc-failed": "pandoc không tạo được tệp {name}: {detail}",
    "pandoc-reference": "không lấy được tài liệu mẫu của pandoc ({detail}).",
    "layout-failed": "không trình bày được tệp {name}: {detail}",
    "agency-unknown": 'mã cơ quan "{agency}" không có trong danh sách của đợt báo cáo.',
    "agency-not-submitted": "{name} chưa nộp báo cáo (không có tệp submissions/{agency}.md).",
    "agency-not-usable": "báo cáo của {name} ({file}) chưa đạt yêu cầu kiểm tra; hãy sửa các lỗi mà lệnh `baocao check` chỉ ra rồi chạy lại.",
    "site-no-config": "không tìm thấy {config} trong {root}; cần tệp này để dựng trang web.",
    "site-no-plugin": '{config}: thiếu plugin "{plugin}" trong mục plugins.',
    "site-failed": "dựng trang web không thành công: {reason}",
    "image-refused": "(ảnh không hợp lệ: {target})",
    # outputs (issue 16 items 4, 5, 10): writing whole, one build at a time, full disk
    "disk-full": "ổ đĩa chứa {path} đã đầy nên không ghi được kết quả; kết quả cũ vẫn giữ nguyên. Giải phóng chỗ trống rồi chạy lại lệnh.",
    "write-failed": "không ghi được {path} ({reason}); kết quả cũ vẫn giữ nguyên. Kiểm tra quyền ghi và chỗ trống của thư mục.",
    "output-busy": "thư mục {path} vẫn đang được một lần dựng khác ghi vào sau {seconds} giây chờ. Hãy chờ lần dựng đó xong rồi chạy lại lệnh.",
    # Word files (submissions/<id>.docx and baocao import)
    "docx-too-large": "{name}: tệp Word quá lớn ({size}, tối đa {limit}). Hãy nén ảnh trong tệp (Tệp > Nén ảnh) hoặc bớt ảnh, rồi lưu lại.",
    "docx-too-many-parts": "{name}: tệp Word có quá nhiều thành phần ({count}); không phải một báo cáo thông thường. Hãy lưu lại bằng Word dưới dạng .docx.",
    "docx-bomb": "{name}: tệp Word giải nén ra quá lớn ({size}); không đọc tệp này. Hãy lưu lại bằng Word dưới dạng .docx.",
    "docx-macro": "{name}: tệp Word có macro hoặc điều khiển ActiveX; không nhận tệp loại này. Hãy lưu lại dưới dạng Word Document (*.docx), không phải .docm.",
    "docx-template": "{name}: tệp Word được tạo từ một tệp mẫu (.dotx) nằm ngoài tệp, trên máy soạn hoặc máy chủ của cơ quan; công cụ không nhận tệp còn liên kết như vậy. Hãy tạo văn bản Word trống mới (Tệp > Mới > Văn bản trống), chép toàn bộ nội dung sang (Ctrl+A, Ctrl+C rồi Ctrl+V), lưu văn bản mới dạng .docx, đúng tên tệp cũ.",
    "docx-external": "{name}: tệp Word liên kết tới tệp hoặc ảnh bên ngoài (ngoài liên kết web). Hãy nhúng ảnh vào tệp (Chèn > Ảnh), bỏ liên kết tới tệp khác rồi lưu lại.",
    "docx-table-too-large": "{name}: một bảng trong tệp Word có {rows} dòng × {columns} cột = {size} ô, vượt giới hạn {limit} ô. Hãy chia bảng thành nhiều bảng nhỏ, hoặc đưa vào tệp Excel đính kèm, rồi lưu lại.",
    "docx-text-too-large": "{name}: phần văn bản của tệp Word giải nén ra {size}, vượt giới hạn {limit}. Báo cáo thường chỉ vài trăm KB: hãy bỏ phần chép thừa, đưa bảng số liệu dài vào tệp Excel đính kèm, rồi lưu lại.",
    "docx-altchunk": "{name}: tệp Word có phần nội dung chèn từ tệp khác (altChunk), Word chỉ chuyển thành văn bản khi mở tệp. Hãy mở tệp bằng Word rồi lưu lại dưới dạng .docx.",
    "docx-broken": "{name}: tệp .docx bị hỏng, không mở được. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx.",
    "docx-encrypted": "{name}: tệp được bảo vệ bằng mật khẩu nên không đọc được. Hãy mở tệp trong Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải tệp lên lại.",
}

# outputs (issue 16 item 4): said while a build waits for another build of the same folder
OUTPUT_WAIT = "Thư mục {path} đang được một lần dựng khác ghi vào; chờ lần dựng đó xong (tối đa {seconds} giây)…"

OS_REASONS = {
    "ENOENT": "không có tệp hoặc thư mục này",
    "EACCES": "không có quyền",
    "EPERM": "không có quyền",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EROFS": "ổ đĩa chỉ đọc",
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã hết hạn mức dung lượng",
    "EISDIR": "đây là thư mục, không phải tệp",
}


def error_text(code: str, **values: object) -> str:
    return ERRORS[code].format(**values)


def os_reason(error: OSError) -> str:
    import errno

    return OS_REASONS.get(errno.errorcode.get(error.errno or 0, ""), "lỗi hệ thống")


# JSON Schema `format` values, as the schema messages name them (messages: issue 20)
FORMAT_NAMES = {
    "email": "địa chỉ thư điện tử",
    "date": "ngày năm-tháng-ngày (2024-12-03)",
    "date-time": "ngày giờ",
    "time": "giờ",
    "uri": "địa chỉ trang web",
    "uri-reference": "đường dẫn",
    "hostname": "tên máy chủ",
    "ipv4": "địa chỉ IPv4",
    "ipv6": "địa chỉ IPv6",
    "uuid": "mã UUID",
    "regex": "biểu thức chính quy",
}


# why an image's header cannot be read (pixels.HeaderError), in "limit-image-unreadable"
IMAGE_HEADER_REASONS = {
    "truncated": "phần đầu tệp bị cắt cụt",
    "malformed": "phần đầu tệp không đúng dạng",
    "zero-size": "kích thước bằng 0",
    "no-size": "không có phần khai báo kích thước",
    "unreadable": "không đọc được tệp",
}


# where and how to delete a control character, in "control-character": after the text before
# it, before the text after it, or by its column
CONTROL_CHARACTER_FIX = {
    "after": (", ngay sau “{before}”", "đặt con trỏ ngay sau “{before}” rồi nhấn phím Delete"),
    "before": (
        ", ngay trước “{after}”",
        "đặt con trỏ ngay trước “{after}” rồi nhấn phím Backspace",
    ),
    "column": ("", "đặt con trỏ ở ký tự thứ {column} rồi nhấn phím Delete"),
}

# a field named by its line, in "quotes-curly" until the field's label is known
SOME_FIELD = "trường ở dòng này"

# PyYAML's reason for a syntax error, in "yaml-syntax" and "review-yaml-syntax"
YAML_REASONS = {
    "mapping values are not allowed": "có dấu hai chấm không hợp lệ trong giá trị",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
    "did not find expected key": "thụt lề không thẳng hàng",
    "found character '\\t'": "có ký tự Tab; hãy dùng dấu cách để thụt lề",
    "found character that cannot start any token": "có ký tự không được đứng đầu giá trị (như @, ` hoặc %); hãy đặt giá trị trong dấu nháy kép",
    "found unexpected end of stream": "thiếu dấu nháy đóng",
    "did not find expected ',' or ']'": "danh sách trong ngoặc vuông chưa đóng",
    "did not find expected ',' or '}'": "nhóm trong ngoặc nhọn chưa đóng",
    "expected a single document": "có nhiều hơn một tài liệu YAML",
    "found undefined alias": "tham chiếu không tồn tại",
}


def yaml_detail(detail: str) -> str:
    for english, vietnamese in YAML_REASONS.items():
        if english in detail:
            return vietnamese
    return "cấu trúc không hợp lệ"


# Parts of problem messages and field paths, by code: where a heading goes, what a field is
PHRASES = {
    "stage-timing": "{label} ({timing})",  # Đã nộp (đúng hạn)
    "stage-timing-reviewed": "{label} (nộp {timing})",  # Đã tiếp nhận (nộp trễ hạn)
    "did-you-mean": ' Có phải là "{name}"?',
    "preamble": "phần mở đầu",
    "kind-task": "Nhiệm vụ",
    "kind-section": "Mục",
    "at-line": " (dòng {line})",
    "after-heading": ' sau tiêu đề "{title}"{line}',
    "before-heading": ' trước tiêu đề "{title}"{line}',
    "between-headings": "{after} và{before}, ngay trước đoạn đã viết cho nó (nếu có)",
    "before-text": "{before}, ngay trước đoạn đã viết cho nó (nếu có)",
    "at-end": "{after}, ở cuối tệp",
    "at-end-alone": " ở cuối tệp",
    "front-matter": "Phần thông tin đầu tệp",
    "front-matter-field": "(phần thông tin)",
    "year": "năm {year}",
    "item": "mục thứ {number}",
    "in-group": " trong nhóm {label}",
    "or": " hoặc ",
    "and": " và ",
    "integer-form": " viết liền, không có dấu chấm, dấu phẩy hay chữ (ví dụ 1250000000)",
    "examples": " Ví dụ: {examples}.",
    "path-year": " (năm {year})",
    "path-item": " (mục {number})",
    "word-part": "Phần {number}",
    "figures-year": "cột năm {year}",
    "figures-row": 'dòng "{label}" (năm {year})',
    "word-section": "Mục {number}",
    "word-subsection": ", mục {number}",
    "word-title": "Mục {title}",
    "word-subtitle": ", tiêu đề {title}",
    "review-entry": "mục {number}",
    "review-section-entry": "{section}, mục {number}",
    "review-entry-field": "mục",
    "review-shape": "tệp phải có dạng `reviews:` và danh sách các mục xem xét (có thể thêm `ngay_nhan:` và `gia_han:`).",
    "review-skipped": "{where}, {what}; mục này bị bỏ qua.",
    "review-bad-date": '{where}, {key}: "{value}" không phải ngày có thật; mục này bị bỏ qua.',
    "own-reports": "submissions/{agency}.md (hoặc .docx)",
    "report-of": "báo cáo của {name}",
    "not-a-report": "tệp không thuộc báo cáo của cơ quan",
    "shared-file": "tệp chung của kho báo cáo",
    "code-point": "mã U+{number:04X}",  # a character with no Unicode name
    "exit-code": "mã {number}",  # pandoc failed without a message
}

# what a path of the secretariat holds, in "ownership"
SECRETARIAT_AREAS = {
    "campaign.yml": "dữ liệu đợt báo cáo",
    "reviews.yml": "kết quả xem xét của Ban Thư ký",
    "schema": "lược đồ kiểm tra",
    ".github": "cấu hình kiểm tra tự động",
    ".ci": "cấu hình kiểm tra tự động",
}


# what a path that is not a regular file is, in "entry-special"
ENTRY_KINDS = {
    "fifo": "đường ống (FIFO)",
    "device": "tệp thiết bị",
    "socket": "socket",
    "folder": "thư mục",
    "special": "tệp đặc biệt",
}


# the parts of a Word document's frame the importer takes out of the body, in "import-frame-line"
FRAME_PARTS = {
    "head-table": "phần đầu (bảng tên cơ quan, Quốc hiệu)",
    "closing-table": "nơi nhận, chữ ký",
    "place-date": "địa danh, ngày tháng",
    "kind": "tên loại văn bản",
    "number": "số, ký hiệu",
    "contact": "người liên hệ",
    "rule": "đường kẻ",
    "nation": "Quốc hiệu",
    "motto": "Tiêu ngữ",
    "recipients": "kính gửi",
    "head": "phần đầu",
    "subject": "trích yếu",
    "issuer": "tên cơ quan",
    "copies": "nơi nhận",
    "signature": "chữ ký",
    "blank": "trống",
}


def phrase(code: str, **values: object) -> str:
    return PHRASES[code].format(**values)


# Short titles of GitHub annotations, by the first part of a problem code (messages: issue
# 20); the code itself stays in the JSON output.
PROBLEM_TITLES = {
    "file": "Tệp báo cáo không đọc được",
    "frontmatter": "Phần thông tin đầu tệp",
    "yaml": "Phần thông tin đầu tệp viết sai",
    "control": "Ký tự không nhìn thấy",
    "space": "Khoảng trắng đặc biệt",
    "zero": "Ký tự không nhìn thấy",
    "bidi": "Ký tự định hướng chữ",
    "comment": "Ghi chú che mất nội dung",
    "entity": "Ký tự không nhìn thấy",
    "table": "Bảng viết sai",
    "quotes": "Dấu ngoặc kép cong",
    "schema": "Thông tin đầu tệp chưa đúng",
    "field": "Thông tin chưa điền",
    "date": "Ngày không có thật",
    "year": "Số liệu trùng năm",
    "agency": "Mã cơ quan",
    "ownership": "Sửa tệp không thuộc quyền",
    "author": "Tài khoản chưa được ghi nhận",
    "review": "Tệp xem xét reviews.yml",
    "section": "Mục của đề cương",
    "task": "Nhiệm vụ được giao",
    "placeholder": "Còn dòng giữ chỗ",
    "heading": "Tiêu đề",
    "html": "Mã HTML",
    "image": "Ảnh",
    "link": "Đường dẫn",
    "word": "Tệp Word",
    "filename": "Tên tệp báo cáo",  # newcomer
    "legacy": "Bảng mã cũ",  # fidelity
}


def problem_title(code: str) -> str:
    """ "Phần thông tin đầu tệp viết sai" for yaml-syntax: the title of an annotation."""
    return PROBLEM_TITLES.get(code.split("-", 1)[0], "Báo cáo cần xem lại")


# -- the secretariat's round (issue 19): states, received dates, reminders, data out --------

STAGE_LABELS = {  # key: the CSS class and the filter's value
    "chua-nop": "Chưa nộp",
    "du-thao": "Dự thảo",
    "chua-dat": "Chưa đạt yêu cầu kiểm tra",
    "da-nop": "Đã nộp",
    "yeu-cau-bo-sung": "Yêu cầu bổ sung",
    "cho-xem-lai": "Đã bổ sung, chờ xem lại",
    "da-tiep-nhan": "Đã tiếp nhận",
}

RECEIPT_SOURCES = {
    "git": "ngày báo cáo chính thức được gộp vào nhánh chính của kho",
    "override": "Ban Thư ký ghi nhận: {reason}",
    "issued": "theo ngày ban hành (không có lịch sử git của báo cáo)",
}

HISTORY_REASONS = {
    "no-git": "Không tìm thấy chương trình git nên không đọc được lịch sử kho; ngày nhận báo cáo lấy theo ngày ban hành.",
    "no-repository": "Thư mục báo cáo không phải kho git (ví dụ bản tải về dạng nén) nên không có lịch sử; ngày nhận báo cáo lấy theo ngày ban hành.",
    "shallow": "Kho git chỉ có một phần lịch sử (shallow clone) nên không xác định được ngày nhận; ngày nhận báo cáo lấy theo ngày ban hành. Hãy lấy đủ lịch sử (git fetch --unshallow, hoặc fetch-depth: 0 trong GitHub Actions).",
    "no-commits": "Kho git chưa có lần ghi (commit) nào; ngày nhận báo cáo lấy theo ngày ban hành.",
    "git-failed": "Không đọc được lịch sử git của kho; ngày nhận báo cáo lấy theo ngày ban hành.",
}

EXTENSION_NOTE = "gia hạn đến {deadline} theo {document}"

ROUND_MESSAGES = {
    "remind-none": "Không có cơ quan nào thuộc nhóm đã chọn cần đôn đốc.",
    "remind-count": "{count} cơ quan cần đôn đốc:",
    "remind-written": "Đã tạo công văn đôn đốc: {path}",
    "export-written": "Đã tạo bảng tính: {path}",
}


def round_text(code: str, **values: object) -> str:
    return ROUND_MESSAGES[code].format(**values)


# --- simplify (issue 18): errors of the campaign, schemas, blank report, DOCX layout, importer,
# and the CLI's own errors; shown after "lỗi: " like ERRORS.
ERRORS.update(
    {
        "campaign-not-found": "Không tìm thấy {file} trong thư mục hiện tại hay các thư mục cha. Hãy chạy lệnh trong thư mục kho báo cáo hoặc dùng --root.",
        "campaign-missing": "{file}: không tìm thấy tệp.",
        "campaign-encoding": "{file}: tệp không được lưu dạng UTF-8.",
        "config-not-regular": "{path} là liên kết (symlink) hoặc tệp đặc biệt, không phải tệp thường của kho: baocao không đọc nó. Hãy thay bằng chính tệp (lấy lại bản trong kho).",
        "config-too-large": "{path} dài {size} byte, vượt giới hạn {limit} byte của tệp cấu hình. Hãy lấy lại bản trong kho rồi sửa lại phần cần sửa.",
        "campaign-yaml": "{file}:{line}: lỗi cú pháp YAML ({kind}) {detail}",
        "campaign-schema": "{file}:{line}: {where}: không đúng lược đồ ({detail}).",
        "campaign-task-unknown": "{file}: cơ quan {agency} được giao nhiệm vụ {task} không có trong danh sách nhiệm vụ.",
        "campaign-inconsistent": "{file}: dữ liệu không nhất quán: {problems}.",
        "schema-file-missing": "{path}: không tìm thấy tệp lược đồ.",
        "schema-file-json": "{path}: tệp lược đồ không phải JSON hợp lệ ({detail}).",
        "schema-file-ref": '{path}: tham chiếu "$ref": "{ref}" không trỏ tới định nghĩa nào trong tệp. Hãy sửa tệp lược đồ (hoặc lấy lại bản trong kho) rồi chạy lại.',
        "schema-file-invalid": "{path}: lược đồ JSON Schema không hợp lệ tại {where}: {reason}. Hãy sửa tệp lược đồ (hoặc lấy lại bản trong kho) rồi chạy lại.",
        "new-agency-unknown": 'Mã cơ quan "{agency}" không có trong danh sách của đợt báo cáo. Xem danh sách bằng lệnh `baocao tasks`.',
        "remind-past-deadline": "hạn nêu trong công văn đôn đốc (--han {until}) phải sau ngày của công văn ({day}). Sửa lại --han, ví dụ --han {example}.",
        "new-exists": "{path} đã có; không ghi đè. Hãy sửa tệp đó, hoặc xóa nó trước nếu muốn tạo lại từ mẫu.",
        "layout-no-body": "word/document.xml do pandoc viết không có phần thân như dự kiến",
        "layout-unreadable": "không đọc được word/document.xml do pandoc viết ({detail})",
        "owners-stale": "{path} chưa cập nhật theo campaign.yml. Chạy `baocao owners` rồi đưa tệp vào yêu cầu gộp.",
        "fields-stale": "{path} chưa cập nhật theo lược đồ. Chạy `baocao fields`.",
        "cli-os": "không đọc hoặc ghi được{where} ({reason}). Kiểm tra lại đường dẫn và quyền ghi.",
        "cli-author-alone": "--author cần đi cùng --changed hoặc --changed-list.",
        "cli-file-missing": "không tìm thấy tệp.",
        # baocao import
        "import-agency-unknown": 'mã cơ quan "{agency}" không có trong danh sách của đợt báo cáo.{hint}',
        "import-exists": "{path} đã có; không ghi đè. Thêm --force nếu muốn thay bằng nội dung nhập từ tệp Word.",
        "import-structure": "{name}: nội dung tệp có cấu trúc không đọc được ({kind}: {detail}). Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi chạy lại lệnh.",
        "import-image-clash": "{folder}/ đã có ảnh trùng tên ({names}); không ghi đè. Thêm --force để thay.",
        "import-no-soffice": "{name}: không tìm thấy LibreOffice (lệnh soffice) để chuyển tệp. {how}.",
        "import-convert-timeout": "{name}: LibreOffice không chuyển xong tệp sau {seconds} giây.",
        "import-convert-failed": "{name}: LibreOffice không chuyển được tệp sang .docx (tệp hỏng hoặc có mật khẩu?).",
        "import-missing": 'không tìm thấy tệp "{path}".',
        "import-unreadable": "{name}: không đọc được tệp ({reason}).",
        "import-encrypted": "{name}: tệp được bảo vệ bằng mật khẩu. Hãy mở tệp trong Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi chạy lại lệnh.",
        "import-old-format": "{name}: đây là tệp {label}, công cụ chỉ đọc được tệp .docx. {how}",
        "import-unknown-format": "{name}: không phải tệp Word .docx (không nhận ra định dạng). {how}",
        "import-broken": "{name}: tệp .docx bị hỏng, không mở được ({kind}). Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi chạy lại lệnh.",
        "import-not-word": "{name}: không phải tài liệu Word ({detail}). {how}",
        "import-bad-xml": "{name}: nội dung tệp .docx bị hỏng, không đọc được ({kind}). Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi chạy lại lệnh.",
    }
)

# campaign.yml cross-references, joined with "; " into "campaign-inconsistent"
CAMPAIGN_PROBLEMS = {
    "agency-duplicate": "mã cơ quan bị trùng",
    "task-duplicate": "hai nhiệm vụ có cùng nội dung (hãy gộp thành một nhiệm vụ nhiều cơ quan)",
    "group-unknown": "cơ quan {agency} thuộc nhóm không có: {group}",
    "appendix-unknown": "cơ quan {agency} thuộc phụ lục không có: {appendix}",
    "task-unassigned": "nhiệm vụ {task} không giao cho cơ quan nào",
    "recipients": "danh sách nơi nhận không khớp danh sách cơ quan",
    "tasks-slot": "{outline}: phải có đúng một mục chứa nhiệm vụ (tasks: true)",
    "figures": "chỉ tiêu số liệu trong campaign.yml và schema/submission.schema.json không khớp: {keys}",
    "figure-title": "chỉ tiêu {key}: tên trong lược đồ khác campaign.yml",
    "years": "các năm số liệu trong campaign.yml và lược đồ không khớp",
    "schema-root": "gốc",
    "schema-not-object": "tệp lược đồ phải là một đối tượng JSON, dạng {{...}}",
    "schema-nesting": "các giá trị lồng vào nhau quá nhiều tầng",
}

HOW_TO_CONVERT = (
    "Hãy mở tệp bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx (Tệp > Lưu thành > Word Document (*.docx)), "
    'rồi chạy lại lệnh với tệp .docx; hoặc chạy lại lệnh với --convert để LibreOffice tự chuyển "{name}".'
)
# the same for a file sent as submissions/<id>.docx: no command to run again
HOW_TO_RESAVE = (
    "Hãy mở tệp bằng Word hoặc LibreOffice, chọn Tệp > Lưu thành (Save As) > Word Document (*.docx), "
    'rồi tải tệp .docx vừa lưu lên thay cho "{name}".'
)

# What commands print when they succeed (standard output)
OUTPUT = {
    "build-left-out": "Các báo cáo có lỗi được ghi chú và để ra ngoài trang web và báo cáo DOCX.",
    "build-agency": "Đã tạo {path}",
    "build-docx": "Đã tạo báo cáo tổng hợp: {path}",
    "build-site": "Đã dựng trang web: {path}",
    "owners-ok": "{path} khớp với campaign.yml.",
    "written": "Đã ghi {path}.",
    "new-done": "Đã tạo {path} cho {name} ({count} nhiệm vụ được giao).",
    "new-next": "Viết nội dung dưới từng tiêu đề rồi kiểm tra bằng: baocao check {path}",
    "new-next-docx": "Mở tệp bằng Word, điền nội dung dưới từng tiêu đề rồi kiểm tra bằng: baocao check {path}",
    "import-done": 'Đã nhập "{name}" vào {path}.',
    "import-done-images": 'Đã nhập "{name}" vào {path} ({count} ảnh trong {folder}/).',
    "import-head": "Phần đầu (front matter):",
    "import-field": '  - {label}: {value}  (từ dòng "{source}")',
    "import-field-missing": '  - {label}: không đọc được trong tệp, để "(Chưa điền)".',
    "import-contact": '  - Người liên hệ: tệp Word không có, để "(Chưa điền)"; trạng thái: du_thao (dự thảo).',
    "import-legacy": "Đã chuyển {count} đoạn viết bằng bảng mã cũ {encoding} sang Unicode: hãy soát lại chính tả.",
    "import-revisions": "Cảnh báo: tệp có {count} chỗ sửa đổi đang theo dõi (Track Changes): đã chấp nhận tất cả (giữ phần thêm, bỏ phần xóa).",
    "import-comments": "Cảnh báo: đã bỏ {count} nhận xét (comment) của Word; chúng không thuộc nội dung báo cáo.",
    "import-mapped": "Tiêu đề khớp đề cương: {count}",
    # word (issue 17): what the importer took out of the body
    "import-contact-read": '  - Người liên hệ: {name}  (từ dòng "{source}"); trạng thái: du_thao (dự thảo).',
    "import-frame": "Đã tách {count} dòng phần đầu, nơi nhận và chữ ký khỏi nội dung (đưa vào phần thông tin hoặc bỏ vì chỉ là trình bày):",
    "import-frame-line": '  - {what}: "{text}"',
    "import-figures": "Bảng số liệu: đưa vào so_lieu (năm {years}).",
    "import-warning": "Cảnh báo: {warning}",
    "import-mapped-item": '  - "{title}" → {part}{near}',
    "import-near": " (gần đúng)",
    "import-unmapped": "Tiêu đề không khớp mục nào của đề cương: {count} (giữ nguyên làm tiêu đề; nội dung thuộc mục gần nhất phía trên)",
    "import-item": '  - "{text}"',
    "import-lost": "Cảnh báo: {count} đoạn của tệp Word không tìm thấy nguyên văn trong tệp Markdown, hãy soát lại:",
    "import-check": "Kiểm tra {path}: {complete}/{total} mục có nội dung, {empty} mục trống, {missing} mục thiếu; {errors} lỗi, {warnings} cảnh báo.",
    "import-number": "Số, ký hiệu",
    "import-date": "Ngày ban hành",
    "import-signed-by": "Người ký",
    "import-signer": "{name} ({title})",
    "import-signer-untitled": "chưa rõ chức vụ",
    "import-hint": ' Có phải là "{agency}"?',
    "import-hint-list": " Xem danh sách bằng lệnh `baocao tasks`.",
    # baocao check's text report
    "status-pending": "Chờ gộp: đúng hạn nếu được gộp đến hết ngày {deadline}",
    "status-pending-late": "Chờ gộp: trễ hạn (hạn {deadline} đã qua)",
    "check-round": "Hạn nộp {deadline}: {submitted}/{agencies} cơ quan đã nộp bản chính thức ({on_time} đúng hạn, {late} trễ hạn), {draft} dự thảo, {invalid} chưa đạt yêu cầu kiểm tra, {not_submitted} chưa nộp.",
    "check-round-partial": "Hạn nộp {deadline}.",
    "check-missing": "Chưa nộp:",
    # the job summary (`baocao check --summary`), Markdown
    "summary-title": "## {icon} Kiểm tra báo cáo: {errors} lỗi, {warnings} cảnh báo",
    "summary-table": "| Cơ quan | Tệp | Trạng thái | Hoàn thành | Đã viết | Chưa viết | Thiếu |",
    "summary-missing": "<details><summary>Chưa nộp ({count})</summary>",
    "summary-problems": "<details><summary>Chi tiết lỗi và cảnh báo</summary>",
    "check-passed": "Đạt: {errors} lỗi, {warnings} cảnh báo trong {files} tệp.",
    "check-failed": "Chưa đạt: {errors} lỗi, {warnings} cảnh báo trong {files} tệp.",
}


def error_line(text: object) -> str:
    """What the CLI prints for an error that stops a command."""
    return printable(f"lỗi: {text}")


def say(code: str, **values: object) -> str:
    return OUTPUT[code].format(**values)


def campaign_problem(code: str, **values: object) -> str:
    return CAMPAIGN_PROBLEMS[code].format(**values)


# --- end of simplify (issue 18)

# --- simplify (issue 18): argparse's messages in Vietnamese (Python 3.11-3.13), as patterns
ARGPARSE = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"tham số \1: lựa chọn không hợp lệ: \2 (chọn một trong \3)",
    ),
    (r"argument (\S+): expected one argument", r"tham số \1: cần một giá trị"),
    (r"argument (\S+): not allowed with argument (.*)", r"tham số \1: không dùng cùng tham số \2"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"tham số \1: giá trị không hợp lệ: \3"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số \1"),
    (r"argument (\S+): (.*)", r"tham số \1: \2"),
]
USAGE = {
    "prefix": "Cách dùng: ",
    "positionals": "tham số",
    "options": "tùy chọn",
    "help": "hiện hướng dẫn này rồi thoát",
    "error": "{prog}: lỗi: {message}\nXem thêm: {prog} --help\n",
    "date": '"{value}" không phải ngày có thật dạng ngày/tháng/năm (05/12/2024) hoặc năm-tháng-ngày (2024-12-05)',
}
# --- end of simplify (issue 18)
