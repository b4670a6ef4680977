<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Application</name>
    <message>
        <source>Sample commune</source>
        <translation>Xã mẫu</translation>
    </message>
    <message>
        <source>Importing the sample list…</source>
        <translation>Đang nhập danh sách mẫu…</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Đã có lỗi</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Activated (system verified)</source>
        <translation>Đã kích hoạt (hệ thống xác nhận)</translation>
    </message>
    <message>
        <source>Reported by teams, awaiting the system</source>
        <translation>Tổ báo cáo, chờ hệ thống xác nhận</translation>
    </message>
    <message>
        <source>Activated today</source>
        <translation>Kích hoạt hôm nay</translation>
    </message>
    <message>
        <source>Needed per team per day</source>
        <translation>Cần mỗi tổ mỗi ngày</translation>
    </message>
    <message>
        <source>Projected finish</source>
        <translation>Dự kiến hoàn thành</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>Báo cáo ngày</translation>
    </message>
    <message>
        <source>The figures of one commune (its hamlets, teams and campaign), or of every commune</source>
        <translation>Số liệu của một xã, phường (các thôn, tổ và chiến dịch của nó), hoặc của mọi xã, phường</translation>
    </message>
    <message>
        <source>Cumulative activations against the target</source>
        <translation>Lũy kế kích hoạt so với chỉ tiêu</translation>
    </message>
    <message>
        <source>By hamlet</source>
        <translation>Theo thôn</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>Theo tổ</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Đang tính số liệu…</translation>
    </message>
    <message>
        <source>Every commune</source>
        <translation>Mọi xã, phường</translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>Không tính được số liệu: %1</translation>
    </message>
    <message>
        <source>%1 — %2 to %3, %4 day(s) left</source>
        <translation>%1 — từ %2 đến %3, còn %4 ngày</translation>
    </message>
    <message>
        <source>No campaign set: figures without a target</source>
        <translation>Chưa có chiến dịch: số liệu chưa có chỉ tiêu</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>tính đến %1</translation>
    </message>
    <message>
        <source>of %1 (%2%)</source>
        <translation>trên %1 (%2%)</translation>
    </message>
    <message>
        <source>Only activations confirmed by the national system count toward the target</source>
        <translation>Chỉ các tài khoản được hệ thống quốc gia xác nhận mới tính vào chỉ tiêu</translation>
    </message>
    <message>
        <source>%1 still to activate</source>
        <translation>còn %1 chưa kích hoạt</translation>
    </message>
    <message>
        <source>%1 reported by teams · daily quota %2</source>
        <translation>tổ báo cáo %1 · chỉ tiêu ngày %2</translation>
    </message>
    <message>
        <source>%1 team(s) · quota %2</source>
        <translation>%1 tổ · chỉ tiêu %2</translation>
    </message>
    <message>
        <source>Remaining activations ÷ teams ÷ days left</source>
        <translation>Số còn lại ÷ số tổ ÷ số ngày còn lại</translation>
    </message>
    <message>
        <source>at the pace the teams reported (not yet confirmed by the system)</source>
        <translation>theo tốc độ tổ báo cáo (chưa được hệ thống xác nhận)</translation>
    </message>
    <message>
        <source>after the campaign end!</source>
        <translation>sau khi kết thúc chiến dịch!</translation>
    </message>
    <message>
        <source>at the pace of the last 7 days</source>
        <translation>theo tốc độ 7 ngày qua</translation>
    </message>
    <message>
        <source>no activation in the last 7 days</source>
        <translation>7 ngày qua chưa có kích hoạt</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>Đã đến giờ</translation>
    </message>
    <message>
        <source>The %1 report time has passed</source>
        <translation>Đã qua giờ báo cáo %1</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>until the %1 report</source>
        <translation>đến giờ báo cáo %1</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Activated (reported)</source>
        <translation>Đã kích hoạt (tổ báo cáo)</translation>
    </message>
    <message>
        <source>System verified</source>
        <translation>Hệ thống xác nhận</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Tổ báo cáo</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Còn lại</translation>
    </message>
    <message>
        <source>%1  %2/%3</source>
        <translation>%1  %2/%3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(chưa có)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Not yet verified</source>
        <translation>Chưa xác minh</translation>
    </message>
    <message>
        <source>Activated (team report)</source>
        <translation>Đã kích hoạt (tổ báo cáo)</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <source>Cannot be activated</source>
        <translation>Không thể kích hoạt</translation>
    </message>
    <message>
        <source>Wrong phone number</source>
        <translation>Sai số điện thoại</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Revisit</source>
        <translation>Hẹn quay lại</translation>
    </message>
    <message>
        <source>Activated (system verified)</source>
        <translation>Đã kích hoạt (hệ thống xác nhận)</translation>
    </message>
    <message>
        <source>Elderly, frail</source>
        <translation>Người cao tuổi, sức khỏe yếu</translation>
    </message>
    <message>
        <source>Ill or disabled</source>
        <translation>Ốm đau, khuyết tật</translation>
    </message>
    <message>
        <source>No phone</source>
        <translation>Không có điện thoại</translation>
    </message>
    <message>
        <source>Moved away</source>
        <translation>Đã chuyển đi nơi khác</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>Đã chết</translation>
    </message>
    <message>
        <source>In an institution</source>
        <translation>Đang ở cơ sở tập trung</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Lý do khác</translation>
    </message>
    <message>
        <source>Away for a few days</source>
        <translation>Vắng mặt ngắn ngày</translation>
    </message>
    <message>
        <source>Working far away</source>
        <translation>Đi làm ăn xa</translation>
    </message>
    <message>
        <source>Studying far away</source>
        <translation>Đi học xa</translation>
    </message>
    <message>
        <source>In military service</source>
        <translation>Đang thực hiện nghĩa vụ quân sự</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Nhập từ danh sách</translation>
    </message>
    <message>
        <source>Updated by an import</source>
        <translation>Cập nhật khi nhập danh sách</translation>
    </message>
    <message>
        <source>Activated per system</source>
        <translation>Hệ thống xác nhận đã kích hoạt</translation>
    </message>
    <message>
        <source>Back on the list</source>
        <translation>Trở lại danh sách</translation>
    </message>
    <message>
        <source>Assigned to a team</source>
        <translation>Giao cho tổ</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Xác minh</translation>
    </message>
    <message>
        <source>Visit undone</source>
        <translation>Hủy kết quả xác minh</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Xuất danh sách</translation>
    </message>
    <message>
        <source>Team pack exported</source>
        <translation>Xuất gói cho tổ</translation>
    </message>
    <message>
        <source>Team pack merged</source>
        <translation>Nhập gói của tổ</translation>
    </message>
    <message>
        <source>Team change</source>
        <translation>Thay đổi tổ</translation>
    </message>
    <message>
        <source>ID corrected</source>
        <translation>Sửa số định danh</translation>
    </message>
    <message>
        <source>Project 06 hamlet working group</source>
        <translation>Tổ công tác Đề án 06 thôn</translation>
    </message>
    <message>
        <source>Community digital technology team</source>
        <translation>Tổ công nghệ số cộng đồng</translation>
    </message>
    <message>
        <source>Youth union</source>
        <translation>Đoàn thanh niên</translation>
    </message>
    <message>
        <source>Women&apos;s union</source>
        <translation>Hội phụ nữ</translation>
    </message>
    <message>
        <source>Area police officer</source>
        <translation>Công an khu vực</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>The visit date cannot be read</source>
        <translation>Không đọc được ngày đến</translation>
    </message>
    <message>
        <source>The outcome is not one of the list</source>
        <translation>Kết quả không có trong danh mục</translation>
    </message>
    <message>
        <source>The new phone number is not valid</source>
        <translation>Số điện thoại mới không hợp lệ</translation>
    </message>
    <message>
        <source>The reason is not one of the list</source>
        <translation>Lý do không có trong danh mục</translation>
    </message>
    <message>
        <source>The visit date is before the campaign</source>
        <translation>Ngày đến trước ngày bắt đầu chiến dịch</translation>
    </message>
    <message>
        <source>The visit date is after today</source>
        <translation>Ngày đến sau ngày hôm nay</translation>
    </message>
    <message>
        <source>“Other reason” needs a note</source>
        <translation>“Lý do khác” cần ghi chú</translation>
    </message>
    <message>
        <source>A reason or note without an outcome</source>
        <translation>Có lý do hoặc ghi chú nhưng không có kết quả</translation>
    </message>
    <message>
        <source>The outcome needs a reason</source>
        <translation>Kết quả này cần lý do</translation>
    </message>
    <message>
        <source>The reason does not go with this outcome</source>
        <translation>Lý do không phù hợp với kết quả</translation>
    </message>
    <message>
        <source>The resident cannot be found</source>
        <translation>Không tìm thấy công dân</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>Giá trị không hợp lệ</translation>
    </message>
    <message>
        <source>Activated per system: stays activated</source>
        <translation>Hệ thống đã xác nhận kích hoạt: giữ trạng thái đã kích hoạt</translation>
    </message>
    <message>
        <source>The pack&apos;s visit is now current</source>
        <translation>Kết quả trong gói trở thành kết quả hiện tại</translation>
    </message>
    <message>
        <source>The commune&apos;s later entry stays current</source>
        <translation>Kết quả ghi sau tại xã vẫn là kết quả hiện tại</translation>
    </message>
    <message>
        <source>The row fits several residents: not recorded, check it</source>
        <translation>Dòng này khớp với nhiều công dân: chưa ghi nhận, cần kiểm tra lại</translation>
    </message>
    <message>
        <source>The row shows another person than its code: not recorded</source>
        <translation>Dòng này ghi thông tin của người khác với mã hệ thống: chưa ghi nhận</translation>
    </message>
    <message>
        <source>The same resident again further down: that later row counts</source>
        <translation>Công dân này có thêm một dòng ở phía dưới: lấy theo dòng sau</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Residents</source>
        <translation>&amp;Công dân</translation>
    </message>
    <message>
        <source>&amp;Teams</source>
        <translation>&amp;Tổ công tác</translation>
    </message>
    <message>
        <source>&amp;Keying walk lists</source>
        <translation>&amp;Nhập phiếu xác minh</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>T&amp;iến độ</translation>
    </message>
    <message>
        <source>Everyone on the list: search, filter, open, mark (Ctrl+1)</source>
        <translation>Mọi người trong danh sách: tìm, lọc, xem, ghi kết quả (Ctrl+1)</translation>
    </message>
    <message>
        <source>Create teams and hand them hamlets or households (Ctrl+2)</source>
        <translation>Lập tổ và giao thôn hoặc hộ cho tổ (Ctrl+2)</translation>
    </message>
    <message>
        <source>Type in a team&apos;s paper walk list with the keyboard (Ctrl+3)</source>
        <translation>Nhập phiếu xác minh giấy của tổ bằng bàn phím (Ctrl+3)</translation>
    </message>
    <message>
        <source>Progress against the target and the daily quota (Ctrl+4)</source>
        <translation>Tiến độ so với chỉ tiêu và định mức ngày (Ctrl+4)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Tạo cơ sở dữ liệu mới…</translation>
    </message>
    <message>
        <source>Create a database for another commune or campaign</source>
        <translation>Tạo cơ sở dữ liệu cho xã hoặc chiến dịch khác</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Mở cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation>Mở một tệp cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Open the &amp;sample commune</source>
        <translation>Mở xã mẫ&amp;u</translation>
    </message>
    <message>
        <source>300 made-up residents, to learn the program</source>
        <translation>300 công dân giả định, để làm quen với chương trình</translation>
    </message>
    <message>
        <source>&amp;Import list…</source>
        <translation>&amp;Nhập danh sách…</translation>
    </message>
    <message>
        <source>Import the police list of residents to activate (Excel or CSV)</source>
        <translation>Nhập danh sách công dân cần kích hoạt của công an (Excel hoặc CSV)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <source>Return lists, walk lists, the daily report…</source>
        <translation>Danh sách trả về, phiếu xác minh, báo cáo ngày…</translation>
    </message>
    <message>
        <source>Export team &amp;pack…</source>
        <translation>Xuất gói &amp;cho tổ…</translation>
    </message>
    <message>
        <source>A workbook a team fills in offline</source>
        <translation>Tệp Excel để tổ điền khi không có mạng</translation>
    </message>
    <message>
        <source>&amp;Import returned pack…</source>
        <translation>Nhập gói tổ gửi &amp;về…</translation>
    </message>
    <message>
        <source>Read a team&apos;s filled-in pack back, with a preview before merging</source>
        <translation>Đọc gói tổ đã điền, xem trước rồi mới gộp</translation>
    </message>
    <message>
        <source>Record &amp;outcome…</source>
        <translation>Ghi &amp;kết quả…</translation>
    </message>
    <message>
        <source>Record one visit outcome for the selected residents</source>
        <translation>Ghi một kết quả xác minh cho các công dân đã chọn</translation>
    </message>
    <message>
        <source>Resident &amp;details</source>
        <translation>&amp;Chi tiết công dân</translation>
    </message>
    <message>
        <source>Every field, the imported row and the history</source>
        <translation>Mọi thông tin, dòng gốc đã nhập và lịch sử</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <source>Read the database again</source>
        <translation>Đọc lại cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>Language and your name</source>
        <translation>Ngôn ngữ và tên của bạn</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>&amp;Sao lưu cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Save a copy of the database (one is also made before every import and pack merge)</source>
        <translation>Lưu một bản sao cơ sở dữ liệu (chương trình cũng tự sao lưu trước mỗi lần nhập danh sách và gộp gói tổ)</translation>
    </message>
    <message>
        <source>Restore from bac&amp;kup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>Put a backup back; the database as it is now is kept first</source>
        <translation>Khôi phục một bản sao lưu; cơ sở dữ liệu hiện tại được giữ lại trước</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;About Gõ Cửa</source>
        <translation>&amp;Giới thiệu Gõ Cửa</translation>
    </message>
    <message>
        <source>&amp;Campaign settings…</source>
        <translation>&amp;Thiết lập chiến dịch…</translation>
    </message>
    <message>
        <source>Dates, phases, the daily quota per team, the report deadline, hamlet targets</source>
        <translation>Thời gian, các đợt, chỉ tiêu mỗi tổ mỗi ngày, giờ báo cáo, chỉ tiêu từng thôn</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Hướng dẫn</translation>
    </message>
    <message>
        <source>The campaign day in seven steps, the keying keys, what counts as activated</source>
        <translation>Một ngày chiến dịch trong bảy bước, các phím nhập phiếu, thế nào là đã kích hoạt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>Tệ&amp;p</translation>
    </message>
    <message>
        <source>Recent &amp;databases</source>
        <translation>Cơ sở dữ liệu &amp;gần đây</translation>
    </message>
    <message>
        <source>R&amp;esidents</source>
        <translation>Công &amp;dân</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>Công &amp;cụ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <source>Unsaved team</source>
        <translation>Tổ chưa lưu</translation>
    </message>
    <message>
        <source>The team form has changes that are not saved. Save them before closing?</source>
        <translation>Thông tin tổ có thay đổi chưa lưu. Lưu trước khi đóng?</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>Đã sao lưu: %1</translation>
    </message>
    <message>
        <source>Backup restored; the previous state is kept in the backups folder.</source>
        <translation>Đã khôi phục bản sao lưu; dữ liệu trước đó được giữ trong thư mục backups.</translation>
    </message>
    <message>
        <source>Campaign settings saved.</source>
        <translation>Đã lưu thiết lập chiến dịch.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gõ Cửa&lt;/b&gt; %1&lt;br&gt;Door-to-door e-ID (VNeID) activation campaigns: lists, teams, outcomes, team packs and the daily report. Works offline.&lt;br&gt;&lt;br&gt;Database: %2</source>
        <translation>&lt;b&gt;Gõ Cửa&lt;/b&gt; %1&lt;br&gt;Chiến dịch kích hoạt định danh điện tử (VNeID) đến từng nhà: danh sách, tổ công tác, kết quả xác minh, gói của tổ và báo cáo ngày. Chạy không cần Internet.&lt;br&gt;&lt;br&gt;Cơ sở dữ liệu: %2</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Something is still running. Quit anyway (it will be cancelled)?</source>
        <translation>Một việc vẫn đang chạy. Vẫn thoát (việc đó sẽ bị hủy)?</translation>
    </message>
    <message>
        <source>%1 residents selected</source>
        <translation>Đã chọn %1 công dân</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>Đã nhập xong.</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <source>Team pack saved.</source>
        <translation>Đã lưu gói cho tổ.</translation>
    </message>
    <message>
        <source>Team pack merged.</source>
        <translation>Đã gộp gói của tổ.</translation>
    </message>
    <message>
        <source>Outcome recorded for %1 resident(s).</source>
        <translation>Đã ghi kết quả cho %1 công dân.</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>Ai đang làm việc?</translation>
    </message>
    <message>
        <source>Your name, written beside every outcome, import and export you record here
(the resident&apos;s history shows it). You can change it in Settings.</source>
        <translation>Họ tên của đồng chí, được ghi bên cạnh mỗi kết quả, lần nhập và lần xuất trên máy này
(lịch sử của từng công dân hiển thị tên này). Có thể đổi trong Cài đặt.</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>Mở cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Gõ Cửa database (*.db);;All files (*)</source>
        <translation>Cơ sở dữ liệu Gõ Cửa (*.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(chưa có)</translation>
    </message>
    <message>
        <source>About Gõ Cửa</source>
        <translation>Giới thiệu Gõ Cửa</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Chọn tất cả</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Tăng</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>&amp;Giảm</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Tên tệp:</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Tìm trong:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Loại tệp:</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Các nơi và dấu trang</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>Không xóa được thư mục.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Chọn</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Thư mục cha</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Tạo thư mục mới</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Dạng danh sách</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Dạng chi tiết</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Tiến tới</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Lên thư mục cha</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Tạo một thư mục mới</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Chuyển sang dạng danh sách</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Chuyển sang dạng chi tiết</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Thanh bên</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Thư mục:</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Thư mục mới</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Thư mục &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Đổi &amp;tên</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Hiện tệp ẩ&amp;n</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Máy tính của tôi</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Nơi gần đây</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Tìm thư mục</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 đã có.
Bạn có muốn thay thế không?</translation>
    </message>
    <message>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation>Bạn có chắc muốn xóa &apos;%1&apos;?</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Ngày sửa</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Máy tính của tôi</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;Đồng ý</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Đóng không lưu</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Xem chi tiết...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ẩn chi tiết...</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Giới thiệu Qt</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lưu tất cả</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Có với &amp;tất cả</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>K&amp;hông với tất cả</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Sao chép địa chỉ &amp;liên kết</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Tiếp</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Thực hiện</translation>
    </message>
    <message>
        <source>Go Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
</context>
<context>
    <name>ResidentDetailsDialog</name>
    <message>
        <source>balanced by households</source>
        <translation>chia theo hộ</translation>
    </message>
    <message>
        <source>by the team&apos;s hamlets</source>
        <translation>theo thôn tổ phụ trách</translation>
    </message>
    <message>
        <source>teams merged</source>
        <translation>sáp nhập tổ</translation>
    </message>
    <message>
        <source>Resident details</source>
        <translation>Chi tiết công dân</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Sự việc</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người ghi</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Ghi vào lúc</translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation>&amp;Thông tin</translation>
    </message>
    <message>
        <source>&amp;Source row</source>
        <translation>&amp;Dòng gốc</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Lịch sử</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Không tìm thấy</translation>
    </message>
    <message>
        <source>Resident details — %1</source>
        <translation>Chi tiết công dân — %1</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>ID as written (not valid)</source>
        <translation>Số định danh như trong danh sách (không hợp lệ)</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Phone as written</source>
        <translation>Số điện thoại như trong danh sách</translation>
    </message>
    <message>
        <source>New phone (from a visit)</source>
        <translation>Số điện thoại mới (khi xác minh)</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Nơi thường trú</translation>
    </message>
    <message>
        <source>Account level</source>
        <translation>Mức độ tài khoản</translation>
    </message>
    <message>
        <source>Status on the list</source>
        <translation>Trạng thái trong danh sách</translation>
    </message>
    <message>
        <source>Note on the list</source>
        <translation>Ghi chú trong danh sách</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>Chưa giao</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Số lần đến</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Ngày đến gần nhất</translation>
    </message>
    <message>
        <source>Revisit on</source>
        <translation>Hẹn quay lại ngày</translation>
    </message>
    <message>
        <source>File %1, sheet %2, row %3 (imported %4).</source>
        <translation>Tệp %1, trang %2, dòng %3 (nhập lúc %4).</translation>
    </message>
    <message>
        <source>Seen in %1 imports.</source>
        <translation>Có trong %1 lần nhập.</translation>
    </message>
    <message>
        <source>No imported row is recorded for this resident.</source>
        <translation>Chưa lưu dòng gốc nào của công dân này.</translation>
    </message>
    <message>
        <source>(undone)</source>
        <translation>(đã hủy)</translation>
    </message>
    <message>
        <source>new phone %1</source>
        <translation>số điện thoại mới %1</translation>
    </message>
</context>
<context>
    <name>ResidentTableModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Lần đến</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Ngày đến gần nhất</translation>
    </message>
    <message>
        <source>Click to sort by this column</source>
        <translation>Bấm để sắp xếp theo cột này</translation>
    </message>
</context>
<context>
    <name>ResidentsView</name>
    <message>
        <source>Search residents</source>
        <translation>Tìm công dân</translation>
    </message>
    <message>
        <source>Search name, ID number or phone…</source>
        <translation>Tìm tên, số định danh hoặc số điện thoại…</translation>
    </message>
    <message>
        <source>Type part of a name (accents optional), an ID number or a phone number. Ctrl+F comes back here.</source>
        <translation>Gõ một phần tên (có dấu hay không đều được), số định danh hoặc số điện thoại. Ctrl+F để quay lại ô này.</translation>
    </message>
    <message>
        <source>Show only one commune (its hamlets and teams)</source>
        <translation>Chỉ hiện một xã, phường (các thôn và tổ của nó)</translation>
    </message>
    <message>
        <source>Show only one hamlet</source>
        <translation>Chỉ hiện một thôn</translation>
    </message>
    <message>
        <source>Show only one team&apos;s residents, or the unassigned</source>
        <translation>Chỉ hiện công dân của một tổ, hoặc những người chưa giao</translation>
    </message>
    <message>
        <source>Show only one status</source>
        <translation>Chỉ hiện một trạng thái</translation>
    </message>
    <message>
        <source>Show only one reason (cannot be activated, absent)</source>
        <translation>Chỉ hiện một lý do (không thể kích hoạt, vắng mặt)</translation>
    </message>
    <message>
        <source>&amp;Hamlet:</source>
        <translation>T&amp;hôn:</translation>
    </message>
    <message>
        <source>&amp;Commune:</source>
        <translation>Xã:</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Tổ:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>T&amp;rạng thái:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <source>Enter or double-click opens the resident; select several rows to mark them together or drag them onto a team</source>
        <translation>Enter hoặc bấm đúp để xem công dân; chọn nhiều dòng để ghi kết quả cùng lúc hoặc kéo thả vào một tổ</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Tìm kiếm bị lỗi: %1</translation>
    </message>
    <message>
        <source>Resident &amp;details</source>
        <translation>&amp;Chi tiết công dân</translation>
    </message>
    <message>
        <source>&amp;Record outcome…</source>
        <translation>Ghi &amp;kết quả…</translation>
    </message>
    <message>
        <source>All communes</source>
        <translation>Tất cả các xã</translation>
    </message>
    <message>
        <source>All hamlets</source>
        <translation>Tất cả các thôn</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Tất cả các tổ</translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation>Chưa giao</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tất cả trạng thái</translation>
    </message>
    <message>
        <source>Not activated yet</source>
        <translation>Chưa kích hoạt</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>Tất cả lý do</translation>
    </message>
    <message>
        <source>Counting residents…</source>
        <translation>Đang đếm số công dân…</translation>
    </message>
    <message>
        <source>%1 residents</source>
        <translation>%1 công dân</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Written beside every outcome you record (the history shows it)</source>
        <translation>Ghi kèm mỗi kết quả bạn nhập (hiện trong lịch sử)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Tên của bạn:</translation>
    </message>
    <message>
        <source>Settings file: %1</source>
        <translation>Tệp cài đặt: %1</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Gõ Cửa&lt;/h2&gt;&lt;p&gt;Door-to-door e-ID activation: today&apos;s list, teams, outcomes and the daily report.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Gõ Cửa&lt;/h2&gt;&lt;p&gt;Đến từng nhà kích hoạt định danh điện tử: danh sách hôm nay, tổ công tác, kết quả và báo cáo ngày.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Create a new database…</source>
        <translation>&amp;Tạo cơ sở dữ liệu mới…</translation>
    </message>
    <message>
        <source>A new commune and campaign; then import the police list</source>
        <translation>Xã và chiến dịch mới; sau đó nhập danh sách của công an</translation>
    </message>
    <message>
        <source>&amp;Open a database file…</source>
        <translation>&amp;Mở tệp cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>A .db file made earlier on this or another computer</source>
        <translation>Tệp .db đã tạo trước đây trên máy này hoặc máy khác</translation>
    </message>
    <message>
        <source>Try the &amp;sample commune</source>
        <translation>Dùng thử &amp;xã mẫu</translation>
    </message>
    <message>
        <source>300 made-up residents of xã Tân Văn, to learn the program</source>
        <translation>300 công dân giả định của xã Tân Văn, để làm quen với chương trình</translation>
    </message>
    <message>
        <source>Enter or double-click opens a recent database</source>
        <translation>Enter hoặc bấm đúp để mở cơ sở dữ liệu gần đây</translation>
    </message>
    <message>
        <source>&amp;Recent databases:</source>
        <translation>Cơ sở dữ liệu &amp;gần đây:</translation>
    </message>
    <message>
        <source>&lt;h3&gt;A new database&lt;/h3&gt;&lt;p&gt;One file per commune and campaign. Next, import the police list (File › Import list…).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tạo cơ sở dữ liệu mới&lt;/h3&gt;&lt;p&gt;Mỗi xã, mỗi chiến dịch một tệp. Sau đó nhập danh sách của công an (Tệp › Nhập danh sách…).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>e.g. Xã Tân Văn</source>
        <translation>ví dụ: Xã Tân Văn</translation>
    </message>
    <message>
        <source>90-day e-ID activation campaign</source>
        <translation>Chiến dịch 90 ngày kích hoạt định danh điện tử</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>C&amp;ommune or ward:</source>
        <translation>&amp;Xã, phường:</translation>
    </message>
    <message>
        <source>Ca&amp;mpaign:</source>
        <translation>&amp;Chiến dịch:</translation>
    </message>
    <message>
        <source>&amp;Starts on:</source>
        <translation>&amp;Bắt đầu:</translation>
    </message>
    <message>
        <source>&amp;Ends on:</source>
        <translation>&amp;Kết thúc:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Tệp:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Cơ sở dữ liệu mới</translation>
    </message>
    <message>
        <source>Gõ Cửa database (*.db)</source>
        <translation>Cơ sở dữ liệu Gõ Cửa (*.db)</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>Mở cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Gõ Cửa database (*.db);;All files (*)</source>
        <translation>Cơ sở dữ liệu Gõ Cửa (*.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Please type the commune&apos;s name.</source>
        <translation>Hãy nhập tên xã.</translation>
    </message>
    <message>
        <source>Please name the campaign.</source>
        <translation>Hãy đặt tên chiến dịch.</translation>
    </message>
    <message>
        <source>The campaign ends before it starts.</source>
        <translation>Ngày kết thúc chiến dịch trước ngày bắt đầu.</translation>
    </message>
    <message>
        <source>Please choose where to save the database.</source>
        <translation>Hãy chọn nơi lưu cơ sở dữ liệu.</translation>
    </message>
    <message>
        <source>That file already exists: choose another name, or open it instead.</source>
        <translation>Tệp này đã có: hãy chọn tên khác, hoặc mở tệp đó.</translation>
    </message>
</context>
</TS>
